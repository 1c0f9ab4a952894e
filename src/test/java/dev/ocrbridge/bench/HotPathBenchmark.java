package dev.ocrbridge.bench;

import com.tencentcloudapi.common.AbstractModel;
import com.tencentcloudapi.common.DatatypeConverter;
import com.tencentcloudapi.common.Sign;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.ocr.v20181119.models.RecognizeHealthCodeOCRRequest;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.request.ImageBase64Body;
import dev.ocrbridge.request.ImagePreCheck;
import dev.ocrbridge.request.RequestBodyWriter;
import dev.ocrbridge.request.RequestOptions;
import dev.ocrbridge.signing.Credentials;
import dev.ocrbridge.signing.Tc3Signature;
import dev.ocrbridge.signing.Tc3Signer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.SimpleDateFormat;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.SplittableRandom;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-image hot path: build the JSON body and sign it, next to the floors it cannot beat and the official
 * SDK's way of doing the same. Run with {@code bench/jmh.sh} (adds {@code -prof gc} for bytes allocated per op).
 *
 * <p>Image sizes, in bytes of image (not of Base64):
 * <ul>
 *   <li>{@code 10240} — "10KB", 10 * 1024;</li>
 *   <li>{@code 1048576} — "1MB", 1024 * 1024;</li>
 *   <li>{@code 5505024} — "7MB": the largest image whose Base64 fits the actions' 7 MiB limit
 *       ({@link OcrAction#DEFAULT_MAX_BASE64_BYTES}): 4 * ceil(5,505,024 / 3) = 7,340,032 = 7 MiB exactly.
 *       (An image of 7,340,032 bytes would be 9.8 MB of Base64 and is refused before it is ever signed.)</li>
 * </ul>
 *
 * <p>Every benchmark measures the whole operation per invocation; the settings below are defaults that any JMH
 * command-line option ({@code -f}, {@code -wi}, {@code -i}, {@code -w}, {@code -r}, {@code -p size=...}) overrides.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class HotPathBenchmark {

    /** Image bytes: 10KB, 1MB, and the 7 MiB-of-Base64 maximum (see the class comment). */
    @Param({"10240", "1048576", "5505024"})
    public int size;

    static final String SECRET_ID = "AKIDbenchmarkbenchmarkbenchmark0000";
    static final String SECRET_KEY = "benchmarkSecretKeybenchmark00000";
    /** 2024-03-01T12:00:00Z: fixed, so every operation signs the same thing. */
    static final long TIMESTAMP = 1_709_294_400L;
    /** What ocrbridge signs and sends (Tc3SigningProcessor.DEFAULT_CONTENT_TYPE). */
    static final String CONTENT_TYPE = "application/json";
    /** What the official SDK signs and sends. */
    static final String SDK_CONTENT_TYPE = "application/json; charset=utf-8";
    static final OcrAction ACTION = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    byte[] image;
    /** The body ocrbridge builds for {@link #image}, built once for the sign-only and floor benchmarks. */
    byte[] body;
    /** Reused, as production reuses the one signer of its Tc3SigningProcessor. */
    Tc3Signer signer;
    /** Reused by the floors, so that they pay for hashing only. */
    MessageDigest sha256;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        image = new byte[size];
        SplittableRandom random = new SplittableRandom(0x0c7b71d6eL + size);
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) random.nextInt(256);
        }
        System.arraycopy(PNG_SIGNATURE, 0, image, 0, PNG_SIGNATURE.length);

        signer = new Tc3Signer(Credentials.of(SECRET_ID, SECRET_KEY), OcrAction.SERVICE);
        sha256 = MessageDigest.getInstance("SHA-256");
        body = RequestBodyWriter.imageBase64Body(ACTION, image, RequestOptions.NONE);

        selfCheck();
    }

    /**
     * Fails the trial rather than measure something wrong: the body is the JSON the SDK would send for the same
     * image, the size is within the action's limit, and the two signing paths agree on the same bytes.
     */
    private void selfCheck() throws Exception {
        if (ImagePreCheck.base64Length(size) > OcrAction.DEFAULT_MAX_BASE64_BYTES) {
            throw new IllegalStateException(size + " image bytes exceed the 7 MiB Base64 limit");
        }
        byte[] sdkBody = sdkBody(image);
        if (!Arrays.equals(body, sdkBody)) {
            throw new IllegalStateException("ocrbridge and SDK bodies differ for size " + size);
        }
        String ours = signer.sign(OcrAction.HOST, SDK_CONTENT_TYPE, TIMESTAMP, body).authorization();
        String theirs = sdkAuthorization(sdkBody, SDK_CONTENT_TYPE, TIMESTAMP);
        if (!ours.equals(theirs)) {
            throw new IllegalStateException("signatures differ:\n  " + ours + "\n  " + theirs);
        }
    }

    // ---- ocrbridge -------------------------------------------------------------------------------------------

    /** What production does per image: write the body, sign it. */
    @Benchmark
    public void ocrbridge_buildAndSign(Blackhole bh) {
        byte[] b = RequestBodyWriter.imageBase64Body(ACTION, image, RequestOptions.NONE);
        Tc3Signature s = signer.sign(OcrAction.HOST, CONTENT_TYPE, TIMESTAMP, b);
        bh.consume(b);
        bh.consume(s);
    }

    /**
     * The streamed request (issue 13): hash the body by streaming the image through Base64, sign the hash, then
     * stream the body again onto the wire (here a sink that discards it). The body never exists whole.
     */
    @Benchmark
    public void ocrbridge_streamedSignAndSend(Blackhole bh) throws java.io.IOException {
        ImageBase64Body b = ImageBase64Body.of(ACTION, image, RequestOptions.NONE);
        Tc3Signature s = signer.signHashed(OcrAction.HOST, CONTENT_TYPE, TIMESTAMP, b.sha256Hex());
        b.writeTo(java.io.OutputStream.nullOutputStream());
        bh.consume(s);
    }

    /** The signing cost alone, over a prebuilt body. */
    @Benchmark
    public void ocrbridge_signOnly(Blackhole bh) {
        bh.consume(signer.sign(OcrAction.HOST, CONTENT_TYPE, TIMESTAMP, body));
    }

    // ---- floors ----------------------------------------------------------------------------------------------

    /** Plain SHA-256 over the same body: what signOnly cannot go below. */
    @Benchmark
    public void floor_sha256(Blackhole bh) {
        MessageDigest d = sha256;
        d.reset();
        d.update(body);
        bh.consume(d.digest());
    }

    /** JDK Base64 into a fresh array plus SHA-256 of it: what buildAndSign cannot go below. */
    @Benchmark
    public void floor_base64PlusSha256(Blackhole bh) {
        byte[] b64 = Base64.getEncoder().encode(image);
        MessageDigest d = sha256;
        d.reset();
        d.update(b64);
        bh.consume(b64);
        bh.consume(d.digest());
    }

    // ---- the official SDK's way ------------------------------------------------------------------------------

    /**
     * What {@code OcrClient.RecognizeHealthCodeOCR} does before the network: Base64 String into the request model,
     * {@code AbstractModel.toJsonString} (Gson), {@code getBytes(UTF-8)}, then AbstractClient's TC3 steps.
     */
    @Benchmark
    public void sdk_gsonBodyAndSign(Blackhole bh) throws Exception {
        byte[] b = sdkBody(image);
        bh.consume(b);
        bh.consume(sdkAuthorization(b, SDK_CONTENT_TYPE, TIMESTAMP));
    }

    static byte[] sdkBody(byte[] image) {
        RecognizeHealthCodeOCRRequest request = new RecognizeHealthCodeOCRRequest();
        request.setImageBase64(Base64.getEncoder().encodeToString(image));
        return AbstractModel.toJsonString(request).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * TC3 as the SDK's AbstractClient (3.1.1481, doRequestWithTC3) composes it, with its own Sign helpers: payload
     * hash, canonical request, a SimpleDateFormat UTC date, the full HMAC key chain on every request, upper-case
     * hex lower-cased. See shared/reference/tencent-cloud-api.md for the algorithm.
     */
    static String sdkAuthorization(byte[] payload, String contentType, long timestamp) throws TencentCloudSDKException {
        String service = OcrAction.SERVICE;
        String canonicalHeaders = "content-type:" + contentType + "\nhost:" + OcrAction.HOST + "\n";
        String signedHeaders = "content-type;host";
        String hashedRequestPayload = Sign.sha256Hex(payload);
        String canonicalRequest = "POST" + "\n" + "/" + "\n" + "" + "\n" + canonicalHeaders + "\n" + signedHeaders
                + "\n" + hashedRequestPayload;
        String ts = String.valueOf(timestamp);
        SimpleDateFormat sdf = new SimpleDateFormat("yyyy-MM-dd");
        sdf.setTimeZone(TimeZone.getTimeZone("UTC"));
        String date = sdf.format(new Date(Long.parseLong(ts + "000")));
        String credentialScope = date + "/" + service + "/" + "tc3_request";
        String hashedCanonicalRequest = Sign.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        String stringToSign = "TC3-HMAC-SHA256\n" + ts + "\n" + credentialScope + "\n" + hashedCanonicalRequest;
        byte[] secretDate = Sign.hmac256(("TC3" + SECRET_KEY).getBytes(StandardCharsets.UTF_8), date);
        byte[] secretService = Sign.hmac256(secretDate, service);
        byte[] secretSigning = Sign.hmac256(secretService, "tc3_request");
        String signature = DatatypeConverter.printHexBinary(Sign.hmac256(secretSigning, stringToSign)).toLowerCase();
        return "TC3-HMAC-SHA256 " + "Credential=" + SECRET_ID + "/" + credentialScope + ", " + "SignedHeaders="
                + signedHeaders + ", " + "Signature=" + signature;
    }
}
