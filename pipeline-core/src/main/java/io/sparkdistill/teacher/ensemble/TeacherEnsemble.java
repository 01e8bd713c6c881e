package io.sparkdistill.teacher.ensemble;

import io.sparkdistill.math.Softmax;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Several teachers as one: how their answers to one example combine, and how much they disagree.
 * <ul>
 *   <li>Label tasks: each member's logits are softened at the distillation temperature T (what the student learns
 *   from), then averaged with the members' weights. Members are put on that common footing first because their
 *   stored probabilities are at different temperatures (the embedded teacher's at T, an API teacher's at 1).</li>
 *   <li>Text tasks: answers cannot be averaged, so the highest-weight member that answered speaks for the ensemble
 *   (the first listed on equal weights).</li>
 * </ul>
 * Weights are renormalised over the members that answered, so an example some teacher rejected or failed on is
 * still combined from the others. Disagreement is the weighted share of the answering members whose label (or
 * normalised answer) differs from the ensemble's: one definition for both kinds of task, 0 when all agree.
 */
public final class TeacherEnsemble implements Serializable {
    /** Floor of an averaged probability turned into a logit, as for API teachers' one-hot answers. */
    private static final double MIN_PROBABILITY = 1e-6;

    private final List<Member> members;

    /** A teacher of the ensemble: its name (unique) and weight (positive). */
    public record Member(String name, double weight) implements Serializable {
        public Member {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a member of an ensemble needs a name");
            }
            if (!(weight > 0) || !Double.isFinite(weight)) {
                throw new IllegalArgumentException("member " + name + ": weight must be a positive number, got "
                        + weight);
            }
        }
    }

    /** @param members in the job's order, which breaks ties */
    public TeacherEnsemble(List<Member> members) {
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        Set<String> names = new HashSet<>();
        for (Member m : members) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("two members of the ensemble are named " + m.name());
            }
        }
        this.members = List.copyOf(members);
    }

    public List<Member> members() {
        return members;
    }

    /**
     * Combines the answers to a classification or NLI example.
     *
     * @param logitsByMember the raw logits of each member that answered, in the job's label order
     * @param labels         the job's label set
     * @param temperature    the distillation temperature T
     */
    public EnsembleVote combineLabels(Map<String, float[]> logitsByMember, List<String> labels, double temperature) {
        List<Member> answered = answering(logitsByMember.keySet());
        double total = answered.stream().mapToDouble(Member::weight).sum();
        double[] mean = new double[labels.size()];
        Map<String, String> votes = new LinkedHashMap<>();
        for (Member m : answered) {
            float[] logits = logitsByMember.get(m.name());
            if (logits.length != labels.size()) {
                throw new IllegalArgumentException("member " + m.name() + " gave " + logits.length
                        + " logits for " + labels.size() + " labels");
            }
            float[] p = Softmax.of(logits, temperature);
            for (int i = 0; i < p.length; i++) {
                mean[i] += m.weight() / total * p[i];
            }
            votes.put(m.name(), labels.get(Softmax.argmax(p)));
        }
        float[] probabilities = new float[mean.length];
        float[] ensembleLogits = new float[mean.length];
        for (int i = 0; i < mean.length; i++) {
            probabilities[i] = (float) mean[i];
            ensembleLogits[i] = (float) (temperature * Math.log(Math.max(MIN_PROBABILITY, mean[i])));
        }
        String label = labels.get(Softmax.argmax(probabilities));
        return new EnsembleVote(label, probabilities, ensembleLogits, null, votes,
                disagreement(answered, votes, label), answered.size());
    }

    /**
     * Combines the answers to a text example (conversation, qa, math, summarisation): the highest-weight member that
     * answered gives the ensemble's answer.
     *
     * @param answersByMember the answer text of each member that answered
     */
    public EnsembleVote combineTexts(Map<String, String> answersByMember) {
        List<Member> answered = answering(answersByMember.keySet());
        Member chosen = answered.get(0);
        Map<String, String> votes = new LinkedHashMap<>();
        for (Member m : answered) {
            if (m.weight() > chosen.weight()) {
                chosen = m;
            }
            votes.put(m.name(), answerKey(answersByMember.get(m.name())));
        }
        return new EnsembleVote(answersByMember.get(chosen.name()), null, null, chosen.name(), votes,
                disagreement(answered, votes, votes.get(chosen.name())), answered.size());
    }

    /**
     * A short key of a text answer that equal answers share: the first 12 hex digits of the SHA-256 of the answer
     * in Unicode NFKC, lower-cased, with runs of white space made one space and a final full stop, question or
     * exclamation mark dropped. "Paris." and " paris" share a key; "Lyon" does not.
     */
    public static String answerKey(String answer) {
        String normalised = Normalizer.normalize(answer == null ? "" : answer, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip().replaceAll("[.!?]+$", "").strip();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The members that answered, in the job's order; at least one, and none unknown. */
    private List<Member> answering(Set<String> names) {
        for (String name : names) {
            if (members.stream().noneMatch(m -> m.name().equals(name))) {
                throw new IllegalArgumentException(name + " is not a member of the ensemble " + members);
            }
        }
        List<Member> answered = members.stream().filter(m -> names.contains(m.name())).toList();
        if (answered.isEmpty()) {
            throw new IllegalArgumentException("no member answered: there is nothing to combine");
        }
        return answered;
    }

    private static double disagreement(List<Member> answered, Map<String, String> votes, String ensembleVote) {
        double total = 0;
        double against = 0;
        for (Member m : answered) {
            total += m.weight();
            if (!votes.get(m.name()).equals(ensembleVote)) {
                against += m.weight();
            }
        }
        return against / total;
    }
}
