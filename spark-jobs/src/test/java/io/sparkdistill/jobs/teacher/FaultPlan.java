package io.sparkdistill.jobs.teacher;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * When {@link FakeChatServer} misbehaves, deterministically. A prompt (the request's messages rendered as
 * {@code "role: content"} lines, see {@link FakeChatServer#promptKey}) is given at most one per-prompt rule: the first,
 * in the order they were added, that selects it. That rule's fault answers the prompt's first {@code failingAttempts}
 * attempts (1-based, counted by the server per prompt); later attempts succeed. {@link #ALWAYS} makes it permanent.
 *
 * <ul>
 *   <li>{@link Builder#share}: a share of the distinct prompts, chosen by a seeded SHA-256 of the prompt. Successive
 *       share rules take successive, disjoint bands of [0, 1), so {@code share(0.1, a, 1).share(0.1, b, ALWAYS)}
 *       selects two separate tenths.</li>
 *   <li>{@link Builder#matching} / {@link Builder#containing}: the prompts a predicate accepts.</li>
 *   <li>{@link Builder#firstAttempts}: every prompt.</li>
 *   <li>{@link Builder#everyNthRequest}: by the server's global request counter (1-based), whatever the prompt; it
 *       takes precedence over the per-prompt rules.</li>
 * </ul>
 */
public final class FaultPlan {
    /** For {@code failingAttempts}: every attempt fails. */
    public static final int ALWAYS = Integer.MAX_VALUE;

    private record Rule(Predicate<String> selects, double from, double to, Fault fault, int failingAttempts) {
    }

    private final long seed;
    private final List<Rule> rules;
    private final int everyNth;
    private final Fault everyNthFault;

    private FaultPlan(Builder b) {
        this.seed = b.seed;
        this.rules = List.copyOf(b.rules);
        this.everyNth = b.everyNth;
        this.everyNthFault = b.everyNthFault;
    }

    /** No faults. */
    public static FaultPlan none() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The fault for attempt {@code attempt} (1-based) of {@code prompt}, which was request {@code requestNumber}. */
    public Optional<Fault> faultFor(String prompt, int attempt, long requestNumber) {
        if (everyNth > 0 && requestNumber > 0 && requestNumber % everyNth == 0) {
            return Optional.of(everyNthFault);
        }
        return faultFor(prompt, attempt);
    }

    /** The fault for attempt {@code attempt} (1-based) of {@code prompt} from the per-prompt rules alone. */
    public Optional<Fault> faultFor(String prompt, int attempt) {
        return rule(prompt).filter(r -> attempt <= r.failingAttempts()).map(Rule::fault);
    }

    /** The fault the per-prompt rules give {@code prompt}, if any (whichever attempts it applies to). */
    public Optional<Fault> assignedFault(String prompt) {
        return rule(prompt).map(Rule::fault);
    }

    /** How many leading attempts of {@code prompt} the per-prompt rules fail: 0, n, or {@link #ALWAYS}. */
    public int failingAttempts(String prompt) {
        return rule(prompt).map(Rule::failingAttempts).orElse(0);
    }

    /** The prompt's position in [0, 1) that share rules select by. */
    public double position(String prompt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Long.toString(seed).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            byte[] h = sha.digest(prompt.getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 7; i++) {
                bits = (bits << 8) | (h[i] & 0xff);
            }
            return (bits >>> 3) / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Rule> rule(String prompt) {
        double position = -1;
        for (Rule r : rules) {
            if (r.selects() != null) {
                if (r.selects().test(prompt)) {
                    return Optional.of(r);
                }
            } else {
                if (position < 0) {
                    position = position(prompt);
                }
                if (position >= r.from() && position < r.to()) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    public static final class Builder {
        private long seed = 17;
        private final List<Rule> rules = new ArrayList<>();
        private double nextBand = 0;
        private int everyNth;
        private Fault everyNthFault;

        private Builder() {
        }

        /** The seed of the share rules' hash (17 unless told). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The next {@code share} of distinct prompts fail their first {@code failingAttempts} attempts with {@code fault}. */
        public Builder share(double share, Fault fault, int failingAttempts) {
            if (share < 0 || nextBand + share > 1 + 1e-9) {
                throw new IllegalArgumentException("shares must be >= 0 and add up to at most 1");
            }
            rules.add(new Rule(null, nextBand, nextBand + share, fault, checked(failingAttempts)));
            nextBand += share;
            return this;
        }

        /** Prompts {@code selects} accepts fail their first {@code failingAttempts} attempts with {@code fault}. */
        public Builder matching(Predicate<String> selects, Fault fault, int failingAttempts) {
            rules.add(new Rule(selects, 0, 0, fault, checked(failingAttempts)));
            return this;
        }

        /** Prompts containing {@code text} fail their first {@code failingAttempts} attempts with {@code fault}. */
        public Builder containing(String text, Fault fault, int failingAttempts) {
            return matching(p -> p.contains(text), fault, failingAttempts);
        }

        /** Every prompt fails its first {@code attempts} attempts with {@code fault}. */
        public Builder firstAttempts(int attempts, Fault fault) {
            return matching(p -> true, fault, attempts);
        }

        /** Every {@code n}-th request the server gets (the n-th, 2n-th, ...) fails with {@code fault}. */
        public Builder everyNthRequest(int n, Fault fault) {
            if (n <= 0) {
                throw new IllegalArgumentException("n must be positive");
            }
            this.everyNth = n;
            this.everyNthFault = fault;
            return this;
        }

        public FaultPlan build() {
            return new FaultPlan(this);
        }

        private static int checked(int failingAttempts) {
            if (failingAttempts < 1) {
                throw new IllegalArgumentException("failingAttempts must be at least 1");
            }
            return failingAttempts;
        }
    }
}
