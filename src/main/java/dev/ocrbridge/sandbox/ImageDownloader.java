package dev.ocrbridge.sandbox;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Fetches an {@code ImageUrl} the way the API does: http(s) only, 2xx only, whole download within a time limit. */
final class ImageDownloader {

    /** The download failed: bad URL, connection failure, non-2xx status, or over the time limit. */
    static final class DownloadFailed extends Exception {
        private static final long serialVersionUID = 1L;

        DownloadFailed(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The downloaded image is larger than the action accepts. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }

    private final Duration limit;
    private volatile HttpClient client;

    ImageDownloader(Duration limit) {
        this.limit = limit;
    }

    byte[] download(String url, long maxBytes) throws DownloadFailed, TooLarge, InterruptedException {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new DownloadFailed("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new DownloadFailed("not an http(s) URL");
        }
        long deadline = System.nanoTime() + limit.toNanos();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri).timeout(limit).GET().build();
        } catch (IllegalArgumentException e) {
            throw new DownloadFailed("not a valid request URL");
        }
        CompletableFuture<HttpResponse<byte[]>> future = client().sendAsync(request, info ->
                info.statusCode() / 100 == 2 ? new CappedBody(maxBytes)
                        : HttpResponse.BodySubscribers.replacing(new byte[0]));
        try {
            HttpResponse<byte[]> response = future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (response.statusCode() / 100 != 2) {
                throw new DownloadFailed("status " + response.statusCode());
            }
            return response.body();
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new DownloadFailed("timed out");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TooLarge tooLarge) {
                throw tooLarge;
            }
            throw new DownloadFailed(e.getCause() == null ? "failed" : e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(limit)
                            .followRedirects(HttpClient.Redirect.NORMAL).build();
                    client = c;
                }
            }
        }
        return c;
    }

    /** Collects the body, giving up as soon as it exceeds the cap. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(long max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if ((long) out.size() + b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
