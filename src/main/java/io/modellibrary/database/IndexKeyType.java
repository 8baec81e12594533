package io.modellibrary.database;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded database's unique indexes ({@code _id} included): H2's own
 * {@link ObjectDataType}, stored byte for byte as before, but comparing the common key (one
 * string of printable ASCII, as every {@code _id} here: sha256 hashes, repository and ref
 * names, random hex) without serialising it.
 *
 * <p>mongo-java-server keys each unique index's map by a {@link KeyValue}, which is not
 * {@link Comparable}, so H2 orders two of them by their Java serialisations
 * ({@code ObjectDataType.SerializedObjectType.compare}: both serialised, the bytes compared
 * unsigned). Every lookup and insert compares with about twenty keys of the map's B-tree, two
 * {@code ObjectOutputStream}s each: stack samples of {@code bench/s3.sh}'s small files put half
 * the server's time there, and the garbage behind a third of its time in the collector
 * (docs/decisions.md, T28).
 *
 * <p>The order must stay exactly that one, or the B-trees of every existing file would be
 * searched in the wrong order. For two keys of one string each, the serialisations are the same
 * bytes (the {@code KeyValue} and {@code ArrayList} class descriptors, the list's size) up to
 * the string: {@code TC_STRING}, its modified UTF-8 length in two bytes, the bytes, then the
 * same end. For printable ASCII (U+0020 to U+007E) the modified UTF-8 bytes are the chars
 * themselves, so the order (strings up to 65,535 chars) is: the shorter string first, then the first differing char. Any
 * other key (a number, a compound key, other characters) is compared as H2 does.
 * {@code IndexKeyTypeTest} checks both orders agree.
 */
final class IndexKeyType extends ObjectDataType {

    /** Longer strings are serialised as {@code TC_LONGSTRING} (an eight-byte length): left to H2's comparison. */
    private static final int MAX_SHORT = 0xffff;

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

    /** The key's one value when it is a string of printable ASCII, else null. */
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
