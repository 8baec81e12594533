package io.modellibrary.transfer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ByteRangeTest {

    @Test
    void parsesFirstMiddleOpenAndSuffixRanges() {
        assertThat(ByteRange.parse("bytes=0-0", 1000)).isEqualTo(new ByteRange(0, 0));
        assertThat(ByteRange.parse("bytes=100-199", 1000)).isEqualTo(new ByteRange(100, 199));
        assertThat(ByteRange.parse("bytes=900-", 1000)).isEqualTo(new ByteRange(900, 999));
        assertThat(ByteRange.parse("bytes=-100", 1000)).isEqualTo(new ByteRange(900, 999));
        assertThat(ByteRange.parse("bytes=-5000", 1000)).isEqualTo(new ByteRange(0, 999));
        assertThat(ByteRange.parse("bytes=990-5000", 1000)).isEqualTo(new ByteRange(990, 999));
    }

    @Test
    void startingPastTheEndIsUnsatisfiable() {
        assertThat(ByteRange.parse("bytes=1000-", 1000)).isEqualTo(ByteRange.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=5000-6000", 1000)).isEqualTo(ByteRange.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=-0", 1000)).isEqualTo(ByteRange.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=0-", 0)).isEqualTo(ByteRange.UNSATISFIABLE);
    }

    @Test
    void aFirstBytePastAnyLongIsUnsatisfiableNotTheWholeFile() {
        assertThat(ByteRange.parse("bytes=9223372036854775807-", 1000)).isEqualTo(ByteRange.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=9223372036854775808-", 1000)).isEqualTo(ByteRange.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=99999999999999999999999-", 1000)).isEqualTo(ByteRange.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=000000000000000000000100-199", 1000)).isEqualTo(new ByteRange(100, 199));
    }

    @Test
    void malformedOrMultipleRangesMeanTheWholeFile() {
        assertThat(ByteRange.parse(null, 1000)).isNull();
        assertThat(ByteRange.parse("items=0-1", 1000)).isNull();
        assertThat(ByteRange.parse("bytes=0-1,5-6", 1000)).isNull();
        assertThat(ByteRange.parse("bytes=0-1 ,, 5-6", 1000)).isNull();
        assertThat(ByteRange.parse("bytes=5-1", 1000)).isNull();
        assertThat(ByteRange.parse("bytes=a-b", 1000)).isNull();
        assertThat(ByteRange.parse("bytes=-", 1000)).isNull();
        assertThat(ByteRange.parse("bytes=１-2", 1000)).isNull();
    }

    @Test
    void theUnitIsCaseInsensitiveAndWhitespaceAroundRangesIsAllowed() {
        assertThat(ByteRange.parse("Bytes=0-9", 1000)).isEqualTo(new ByteRange(0, 9));
        assertThat(ByteRange.parse("bytes= 5-9 ", 1000)).isEqualTo(new ByteRange(5, 9));
    }

    @Test
    void ofSeveralRangesOnlyTheSatisfiableCount() {
        assertThat(ByteRange.parse("bytes=0-9,2000-3000", 1000)).isEqualTo(new ByteRange(0, 9));
        assertThat(ByteRange.parse("bytes=2000-,3000-", 1000)).isEqualTo(ByteRange.UNSATISFIABLE);
    }

    @Test
    void anEmptyFileSatisfiesOnlyANonZeroSuffixWhichMeansTheWholeFile() {
        assertThat(ByteRange.parse("bytes=-1", 0)).isNull();
        assertThat(ByteRange.parse("bytes=-0", 0)).isEqualTo(ByteRange.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=0-0", 0)).isEqualTo(ByteRange.UNSATISFIABLE);
    }

    @Test
    void everySizeFromZeroToAFewBytesAnswersEveryRangeAsTheRfcSays() {
        for (long size = 0; size <= 5; size++) {
            for (long first = 0; first <= 6; first++) {
                for (long last = first; last <= 7; last++) {
                    ByteRange r = ByteRange.parse("bytes=" + first + "-" + last, size);
                    if (first >= size) {
                        assertThat(r).as("%d-%d of %d", first, last, size).isEqualTo(ByteRange.UNSATISFIABLE);
                    } else {
                        assertThat(r).as("%d-%d of %d", first, last, size).isEqualTo(new ByteRange(first, Math.min(last, size - 1)));
                    }
                }
                ByteRange suffix = ByteRange.parse("bytes=-" + first, size);
                if (first == 0) {
                    assertThat(suffix).isEqualTo(ByteRange.UNSATISFIABLE);
                } else if (size == 0) {
                    assertThat(suffix).isNull();
                } else {
                    assertThat(suffix).isEqualTo(new ByteRange(Math.max(0, size - first), size - 1));
                }
            }
        }
    }
}
