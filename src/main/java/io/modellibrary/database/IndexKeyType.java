package io.modellibrary.database;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The key type of the embedded database's unique indexes ({@code _id} included): H2's own
 * {@link ObjectDataType}, the same bytes in the file and the same order, but handling the common
 * key (one string of printable ASCII, as every {@code _id} here: sha256 hashes, repository and
 * ref names, random hex) without Java serialisation.
 *
 * <p>mongo-java-server keys each unique index's map by a {@link KeyValue}, which is not
 * {@link Comparable}, so H2 orders two of them by their Java serialisations
 * ({@code ObjectDataType.SerializedObjectType.compare}: both serialised, the bytes compared
 * unsigned), and stores and reads them as those serialisations. Every lookup and insert
 * compares with about twenty keys of the map's B-tree, two {@code ObjectOutputStream}s each:
 * stack samples of {@code bench/s3.sh}'s small files put half the server's time in H2's
 * serialisation (38 % in comparisons), and 77 % of the bytes it allocated (docs/decisions.md, T28).
 *
 * <p>The order and the bytes must stay exactly those, or the B-trees of every existing file
 * would be searched in the wrong order. For keys of one string, the serialisation is the same
 * bytes ({@link #HEAD}: the {@code KeyValue} and {@code ArrayList} class descriptors, the list's
 * size) up to the string, then {@code TC_STRING}, its modified UTF-8 length in two bytes, its
 * bytes, then the same end ({@link #TAIL}). For printable ASCII (U+0020 to U+007E) the modified
 * UTF-8 bytes are the chars themselves, so the order (strings up to 65,535 chars) is: the
 * shorter string first, then the first differing char. Any other key (a number, a compound key,
 * other characters) is handled as H2 does. {@code IndexKeyTypeTest} checks that the orders and
 * the bytes agree.
 */
final class IndexKeyType extends ObjectDataType {

    /** Longer strings are serialised as {@code TC_LONGSTRING} (an eight-byte length): left to H2. */
    private static final int MAX_SHORT = 0xffff;
    /** {@code ObjectDataType.TYPE_SERIALIZED_OBJECT}: the tag of a value stored as its Java serialisation. */
    private static final byte SERIALIZED = 19;
    /** {@code ObjectStreamConstants.TC_STRING}. */
    private static final byte TC_STRING = 0x74;
    /** The serialisation of a one-string key before its {@code TC_STRING}, and after the string's bytes. */
    private static final byte[] HEAD;
    private static final byte[] TAIL;

    static {
        byte[] a = serialize(new KeyValue("A"));
        int at = Arrays.mismatch(a, serialize(new KeyValue("B")));
        if (at < 3 || a[at - 3] != TC_STRING || a[at - 2] != 0 || a[at - 1] != 1) {
            throw new IllegalStateException("unexpected serialisation of an index key: " + Arrays.toString(a));
        }
        HEAD = Arrays.copyOf(a, at - 3);
        TAIL = Arrays.copyOfRange(a, at + 1, a.length);
    }

    /** The builder of a unique index's map with this key type (values as H2's default). */
    static <V> MVMap.Builder<KeyValue, V> mapBuilder() {
        return new MVMap.Builder<KeyValue, V>().keyType(new IndexKeyType());
    }

    @Override
    public int compare(Object a, Object b) {
        String left = printableString(a);
        String right = left == null ? null : printableString(b);
        if (right == null) {
            return super.compare(a, b);
        }
        if (left.length() != right.length()) {
            return left.length() < right.length() ? -1 : 1;
        }
        return Integer.signum(left.compareTo(right));
    }

    /** As H2 writes it: its tag, the serialisation's length, the serialisation. */
    @Override
    public void write(WriteBuffer buff, Object obj) {
        String s = printableString(obj);
        if (s == null) {
            super.write(buff, obj);
            return;
        }
        buff.put(SERIALIZED).putVarInt(serializedLength(s)).put(HEAD).put(TC_STRING).putShort((short) s.length())
                .put(s.getBytes(StandardCharsets.US_ASCII)).put(TAIL);
    }

    @Override
    public Object read(ByteBuffer buff) {
        int start = buff.position();
        if (buff.get(start) == SERIALIZED) {
            buff.get();
            int length = DataUtils.readVarInt(buff);
            KeyValue key = oneString(buff, buff.position(), length);
            if (key != null) {
                buff.position(buff.position() + length);
                return key;
            }
            buff.position(start);
        }
        return super.read(buff);
    }

    /** What H2 estimates once it has serialised such keys: twice the serialisation's bytes. */
    @Override
    public int getMemory(Object obj) {
        String s = printableString(obj);
        return s == null ? super.getMemory(obj) : 2 * serializedLength(s);
    }

    private static int serializedLength(String s) {
        return HEAD.length + 3 + s.length() + TAIL.length;
    }

    /** The one-string key serialised in {@code length} bytes at {@code at}, or null for any other serialisation. */
    private static KeyValue oneString(ByteBuffer buff, int at, int length) {
        int n = length - HEAD.length - 3 - TAIL.length;
        if (n < 0 || !matches(buff, at, HEAD) || buff.get(at + HEAD.length) != TC_STRING
                || ((buff.get(at + HEAD.length + 1) & 0xff) << 8 | buff.get(at + HEAD.length + 2) & 0xff) != n
                || !matches(buff, at + HEAD.length + 3 + n, TAIL)) {
            return null;
        }
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            byte c = buff.get(at + HEAD.length + 3 + i);
            if (c < 0x20 || c > 0x7e) {
                return null;
            }
            chars[i] = (char) c;
        }
        return new KeyValue(new String(chars));
    }

    private static boolean matches(ByteBuffer buff, int at, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (buff.get(at + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** The key's one value when it is a string of at most {@value #MAX_SHORT} printable ASCII chars, else null. */
    private static String printableString(Object key) {
        if (!(key instanceof KeyValue value) || value.size() != 1 || !(value.get(0) instanceof String s) || s.length() > MAX_SHORT) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return null;
            }
        }
        return s;
    }
}
