package dev.ocrbridge.localocr;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lets a Tesseract LSTM model answer every Hangul syllable whose letters it knows, not only the ~1,150 syllables of
 * its training text. {@code kor}'s network does not output syllables: it outputs the three jamo of each (leading
 * consonant, vowel, trailing consonant), and its "recoder" table maps jamo triples back to the syllables of its
 * character set; a triple not in the table is never chosen. Names and street names are full of syllables outside
 * that set (똠, 쀼, 텀 in 센텀): their jamo are known, only the table entry is missing. This class adds, for each
 * missing syllable whose three jamo codes the model already uses, a character and its triple. The network, its
 * weights and every existing entry stay as they are, so existing syllables read as before.
 *
 * <p>The traineddata file is an index of components (a count, then one 64-bit offset per component, -1 for none),
 * little-endian. Component 21 is the LSTM character set (text: a count line, then one line per character),
 * component 22 the recoder (a count, then per character: a byte, a 32-bit length, that many 32-bit codes).
 */
final class HangulCoverage {

    private static final int LSTM_UNICHARSET = 21;
    private static final int LSTM_RECODER = 22;
    private static final int FIRST_SYLLABLE = 0xAC00;
    private static final int SYLLABLES = 11172;
    private static final int VOWELS_TIMES_TRAILING = 21 * 28;
    private static final int TRAILING = 28;

    private HangulCoverage() {
    }

    /**
     * @return the traineddata with the missing syllables added, or {@code data} itself when it has no recoder or no
     *     Hangul (nothing to add)
     * @throws IllegalArgumentException when the file is not laid out as described above
     */
    static byte[] extend(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int count = in.getInt();
        if (count <= LSTM_RECODER || count > 64) {
            return data;
        }
        long[] offsets = new long[count];
        for (int i = 0; i < count; i++) {
            offsets[i] = in.getLong();
        }
        byte[][] parts = new byte[count][];
        for (int i = 0; i < count; i++) {
            if (offsets[i] < 0) {
                continue;
            }
            long end = data.length;
            for (long o : offsets) {
                if (o > offsets[i] && o < end) {
                    end = o;
                }
            }
            parts[i] = java.util.Arrays.copyOfRange(data, Math.toIntExact(offsets[i]), Math.toIntExact(end));
        }
        if (parts[LSTM_UNICHARSET] == null || parts[LSTM_RECODER] == null) {
            return data;
        }
        List<String> lines = new ArrayList<>(List.of(
                new String(parts[LSTM_UNICHARSET], StandardCharsets.UTF_8).split("\n")));
        int size = Integer.parseInt(lines.remove(0).strip());
        lines.removeIf(String::isEmpty);
        List<int[]> codes = readRecoder(parts[LSTM_RECODER]);
        if (lines.size() != size || codes.size() != size) {
            throw new IllegalArgumentException("character set and recoder disagree");
        }
        // The code of each jamo, learnt from the syllables the model has.
        Map<Integer, Integer> leading = new HashMap<>();
        Map<Integer, Integer> vowel = new HashMap<>();
        Map<Integer, Integer> trailing = new HashMap<>();
        Set<Integer> known = new HashSet<>();
        for (int id = 0; id < size; id++) {
            String unichar = lines.get(id).substring(0, Math.max(0, lines.get(id).indexOf(' ')));
            if (unichar.codePointCount(0, unichar.length()) != 1 || codes.get(id).length != 3) {
                continue;
            }
            int offset = unichar.codePointAt(0) - FIRST_SYLLABLE;
            if (offset < 0 || offset >= SYLLABLES) {
                continue;
            }
            known.add(offset);
            leading.put(offset / VOWELS_TIMES_TRAILING, codes.get(id)[0]);
            vowel.put(offset % VOWELS_TIMES_TRAILING / TRAILING, codes.get(id)[1]);
            trailing.put(offset % TRAILING, codes.get(id)[2]);
        }
        if (known.isEmpty()) {
            return data;
        }
        for (int offset = 0; offset < SYLLABLES; offset++) {
            Integer l = leading.get(offset / VOWELS_TIMES_TRAILING);
            Integer v = vowel.get(offset % VOWELS_TIMES_TRAILING / TRAILING);
            Integer t = trailing.get(offset % TRAILING);
            if (known.contains(offset) || l == null || v == null || t == null) {
                continue;
            }
            int id = lines.size();
            String s = Character.toString(FIRST_SYLLABLE + offset);
            // Same form as the model's own Hangul lines: properties 1 (alpha), the default glyph metrics, script
            // Hangul, itself as other case and mirror, direction 0 (left to right), itself as its normal form.
            lines.add(s + " 1 0,255,0,255,0,0,0,0,0,0 Hangul " + id + " 0 " + id + " " + s);
            codes.add(new int[] {l, v, t});
        }
        StringBuilder unicharset = new StringBuilder().append(lines.size()).append('\n');
        for (String line : lines) {
            unicharset.append(line).append('\n');
        }
        parts[LSTM_UNICHARSET] = unicharset.toString().getBytes(StandardCharsets.UTF_8);
        parts[LSTM_RECODER] = writeRecoder(codes);
        return write(parts);
    }

    private static List<int[]> readRecoder(byte[] part) {
        ByteBuffer in = ByteBuffer.wrap(part).order(ByteOrder.LITTLE_ENDIAN);
        int n = in.getInt();
        List<int[]> codes = new ArrayList<>(n + SYLLABLES);
        for (int i = 0; i < n; i++) {
            in.get(); // self-normalized flag, always 1 in shipped models
            int length = in.getInt();
            if (length < 1 || length > 9) {
                throw new IllegalArgumentException("recoder entry of length " + length);
            }
            int[] code = new int[length];
            for (int k = 0; k < length; k++) {
                code[k] = in.getInt();
            }
            codes.add(code);
        }
        return codes;
    }

    private static byte[] writeRecoder(List<int[]> codes) {
        int bytes = 4;
        for (int[] c : codes) {
            bytes += 5 + 4 * c.length;
        }
        ByteBuffer out = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(codes.size());
        for (int[] c : codes) {
            out.put((byte) 1);
            out.putInt(c.length);
            for (int v : c) {
                out.putInt(v);
            }
        }
        return out.array();
    }

    private static byte[] write(byte[][] parts) {
        ByteBuffer index = ByteBuffer.allocate(4 + 8 * parts.length).order(ByteOrder.LITTLE_ENDIAN);
        index.putInt(parts.length);
        long at = index.capacity();
        for (byte[] p : parts) {
            index.putLong(p == null ? -1 : at);
            at += p == null ? 0 : p.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.toIntExact(at));
        out.writeBytes(index.array());
        for (byte[] p : parts) {
            if (p != null) {
                out.writeBytes(p);
            }
        }
        return out.toByteArray();
    }
}
