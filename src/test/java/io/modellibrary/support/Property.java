package io.modellibrary.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A property checked on random values. Each try generates a value from its own seed and
 * checks it; the first value that fails is shrunk, greedily, to a smaller one that still
 * fails, and the check fails with that value, the seed that repeats the run and the
 * original error.
 *
 * <pre>{@code
 * Property.of(random -> random.nextInt(1000), n -> n == 0 ? List.of() : List.of(0, n / 2, n - 1))
 *         .check(n -> assertThat(n * 2 % 2).isZero());
 * }</pre>
 *
 * <p>The base seed is new on every run; {@code -Dproperty.seed=<seed>} (which the failure
 * prints) fixes it, and the same tries are generated again.
 *
 * <p>Our own code, though we prefer a library where one exists (docs/decisions.md X4): the author of
 * jqwik asks that AI agents not use it, and we respect that. This is the part of one that
 * we need: seeded tries and greedy shrinking, with the shrinking steps given by the test.
 */
public final class Property<T> {

    /** The system property that fixes the base seed, to replay a run. */
    public static final String SEED = "property.seed";

    private final Function<RandomGenerator, T> generator;
    private final Function<T, List<T>> shrinks;
    private int tries = 25;
    private Duration shrinking = Duration.ofMinutes(2);
    private Long seed;

    private Property(Function<RandomGenerator, T> generator, Function<T, List<T>> shrinks) {
        this.generator = generator;
        this.shrinks = shrinks;
    }

    /**
     * A property of the values that {@code generator} makes.
     *
     * @param generator a value drawn from the random source it is given, its only source of randomness
     * @param shrinks   values smaller than the one given, those that simplify it most first; empty when none
     */
    public static <T> Property<T> of(Function<RandomGenerator, T> generator, Function<T, List<T>> shrinks) {
        return new Property<>(generator, shrinks);
    }

    /** How many values are tried: 25 unless set. */
    public Property<T> tries(int tries) {
        this.tries = tries;
        return this;
    }

    /**
     * A fixed base seed, for a caller that draws one seed for many properties and prints it once
     * (the hostile-input suite: {@link #runSeed()}). Without it the base seed is {@link #SEED} or new.
     */
    public Property<T> seed(long baseSeed) {
        this.seed = baseSeed;
        return this;
    }

    /** The base seed of this run: {@code -D}{@value #SEED} when given, else a new random one on every call. */
    public static long runSeed() {
        return baseSeed();
    }

    /** How long shrinking may go on before the smallest failure found so far is reported: 2 minutes unless set. */
    public Property<T> shrinkingFor(Duration time) {
        this.shrinking = time;
        return this;
    }

    /**
     * Checks the values of every try, one after the other.
     *
     * @throws AssertionError for the first value that fails: its message names the smallest
     *                        failing value found, its error and the seed; its cause is the original error
     */
    public void check(Check<T> check) {
        long seed = this.seed != null ? this.seed : baseSeed();
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int i = 1; i <= tries; i++) {
            T value = generator.apply(new SplittableRandom(seeds.nextLong()));
            Throwable error = failure(check, value);
            if (error != null) {
                Shrunk<T> smallest = shrink(new Shrunk<>(value, error, 0, 0, true), check);
                throw report(seed, i, value, error, smallest);
            }
        }
    }

    /** The check of one value: passes when it returns, fails when it throws. */
    @FunctionalInterface
    public interface Check<T> {
        /** Checks {@code value}, throwing (an assertion's error or any other) when it does not hold. */
        void accept(T value) throws Exception;
    }

    /** Shrinks of a list: the list without one element, for each element in turn. */
    public static <E> List<List<E>> withoutOne(List<E> list) {
        List<List<E>> smaller = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            List<E> without = new ArrayList<>(list);
            without.remove(i);
            smaller.add(List.copyOf(without));
        }
        return smaller;
    }

    /** Shrinks of a list: the list with one element replaced by one of its shrinks, for each element and shrink in turn. */
    public static <E> List<List<E>> withOneShrunk(List<E> list, Function<E, List<E>> shrinks) {
        List<List<E>> smaller = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            for (E shrunk : shrinks.apply(list.get(i))) {
                List<E> with = new ArrayList<>(list);
                with.set(i, shrunk);
                smaller.add(List.copyOf(with));
            }
        }
        return smaller;
    }

    private static long baseSeed() {
        String given = System.getProperty(SEED);
        return given == null || given.isBlank() ? ThreadLocalRandom.current().nextLong() : Long.parseLong(given.trim());
    }

    /** The error of checking {@code value}, or null when it holds. */
    private static <T> Throwable failure(Check<T> check, T value) {
        try {
            check.accept(value);
            return null;
        } catch (Exception | AssertionError e) {
            return e;
        }
    }

    /** The first shrink that still fails, then the first of its shrinks that still fails, and so on. */
    private Shrunk<T> shrink(Shrunk<T> failure, Check<T> check) {
        long deadline = System.nanoTime() + shrinking.toNanos();
        Shrunk<T> smallest = failure;
        int attempts = 0;
        boolean smaller = true;
        while (smaller) {
            smaller = false;
            for (T candidate : shrinks.apply(smallest.value())) {
                if (System.nanoTime() > deadline) {
                    return new Shrunk<>(smallest.value(), smallest.error(), smallest.steps(), attempts, false);
                }
                attempts++;
                Throwable error = failure(check, candidate);
                if (error != null) {
                    smallest = new Shrunk<>(candidate, error, smallest.steps() + 1, attempts, true);
                    smaller = true;
                    break;
                }
            }
        }
        return new Shrunk<>(smallest.value(), smallest.error(), smallest.steps(), attempts, true);
    }

    private AssertionError report(long seed, int attempt, T value, Throwable error, Shrunk<T> smallest) {
        String message = "Property failed on try " + attempt + " of " + tries + " (seed " + seed
                + ": replay with -D" + SEED + "=" + seed + ").\n"
                + "Smallest failing value, shrunk in " + smallest.steps() + " steps from " + smallest.attempts()
                + " smaller values tried" + (smallest.complete() ? "" : " (shrinking stopped after " + shrinking + ")") + ":\n"
                + smallest.value() + "\n"
                + "Its error: " + smallest.error() + "\n"
                + "Original value:\n" + value + "\n"
                + "Original error (the cause): " + error;
        AssertionError failure = new AssertionError(message, error);
        if (smallest.error() != error) {
            failure.addSuppressed(smallest.error());
        }
        return failure;
    }

    /** The smallest failing value found, after {@code steps} shrinks that still failed out of {@code attempts} tried. */
    private record Shrunk<T>(T value, Throwable error, int steps, int attempts, boolean complete) {
    }
}
