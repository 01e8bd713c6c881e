package io.sparkdistill.report;

import io.sparkdistill.student.SoftLabelMix;
import io.sparkdistill.student.search.Candidate;
import io.sparkdistill.student.search.CandidateProgress;
import io.sparkdistill.student.search.RecipeSearchRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The reports' "Automatic recipe" section, in report.md and report.html alike: which candidate the search chose and
 * why, its brackets and what each spent, and every candidate's validation macro-F1 rung by rung, so a reader can see
 * how close the others came and whether a faster family won on a near-tie.
 */
final class AutomaticRecipeSection {
    private static final String TITLE = "Automatic recipe";

    private AutomaticRecipeSection() {
    }

    /** Appends the section to report.md; nothing when the run trained at the configured settings. */
    static void append(StringBuilder md, RecipeSearchRecord search) {
        if (search == null) {
            return;
        }
        UnaryOperator<String> bold = s -> "**" + s + "**";
        md.append("## ").append(TITLE).append("\n\n").append(introduction(search, bold)).append("\n\n");
        md.append(MarkdownTable.of(brackets(search))).append('\n');
        md.append(MarkdownTable.of(candidates(search, bold))).append('\n');
    }

    /** Adds the section to report.html; nothing when the run trained at the configured settings. */
    static void add(HtmlPage page, RecipeSearchRecord search) {
        if (search == null) {
            return;
        }
        page.section(TITLE, introduction(search, UnaryOperator.identity()), brackets(search));
        page.section(TITLE + ": candidates", candidates(search, UnaryOperator.identity()));
    }

    private static String introduction(RecipeSearchRecord search, UnaryOperator<String> strong) {
        RecipeSearchRecord.CandidateRecord winner = search.winnerRecord();
        RecipeSearchRecord.CandidateRecord best = search.bestScoringRecord();
        int brackets = search.brackets().size();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "The train stage chose the distilled "
                        + "student among %d candidates%s in %d bracket%s of successive halving on validation macro-F1 "
                        + "(the kept epoch's averaged with its neighbours', the ranked score), training %d of its %d "
                        + "budget epochs. Winner: %s, validation macro-F1 %.3f (accuracy %.3f) at epoch %d of %d.",
                search.candidates().size(), search.candidates().size() < search.gridSize()
                        ? " (of the " + search.gridSize() + " its lists make, drawn in a seeded order)" : "",
                brackets, brackets == 1 ? "" : "s", search.epochsUsed(), search.budgetEpochs(),
                strong.apply(winner.name()), winner.last().validationMacroF1(), winner.last().validationAccuracy(),
                winner.last().bestEpoch(), winner.last().epochsTrained()));
        if (best != winner) {
            text.append(String.format(Locale.ROOT, " The best ranked score was %s's (%.3f), a slower family "
                            + "than %s: each step up the speed order (fasttext, cnn, bilstm) must win by %s "
                            + "(search.prefer_faster_within).", best.name(), best.last().rankedMacroF1(),
                    winner.candidate().architecture().configName(), search.preferFasterWithin()));
        }
        RecipeSearchRecord.SoftLabels soft = search.softLabels();
        if (soft == null) {
            return text.append(" The baseline has the winner's architecture and class weighting, at alpha 1.")
                    .toString();
        }
        SoftLabelMix mix = soft.mix();
        return text.append(String.format(Locale.ROOT, " The baseline trained first, in every family and class "
                        + "weighting (%s), and the best on validation, %s, was mixed into the soft labels every "
                        + "candidate learnt (search.mix_in_baseline): the teacher's share of the mix %.2f (its logits "
                        + "x %.3g, the baseline's log-probabilities x %.3g), validation log-loss %.3f against %.3f for "
                        + "the teacher alone and %.3f for the baseline alone.",
                soft.baselines().entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(),
                        e.getValue())).collect(Collectors.joining(", ")), strong.apply(soft.baseline()),
                mix.teacherShare(), mix.teacherScale(), mix.baselineScale(),
                mix.validationLogLoss(), mix.teacherLogLoss(), mix.baselineLogLoss())).toString();
    }

    private static ReportTables.Cells brackets(RecipeSearchRecord search) {
        List<List<String>> rows = new ArrayList<>();
        for (RecipeSearchRecord.Bracket b : search.brackets()) {
            rows.add(List.of(String.valueOf(b.number() + 1),
                    b.plan().stream().map(r -> r.candidates() + " to " + r.epochs())
                            .collect(Collectors.joining(", ")),
                    String.valueOf(b.epochsPlanned()), String.valueOf(b.epochsUsed()), b.best()));
        }
        return new ReportTables.Cells(List.of("Bracket", "Rungs (candidates to epochs)", "Epochs at most",
                "Epochs used", "Best finalist"), rows);
    }

    private static ReportTables.Cells candidates(RecipeSearchRecord search, UnaryOperator<String> strong) {
        List<List<String>> rows = new ArrayList<>();
        for (RecipeSearchRecord.CandidateRecord c : search.candidates()) {
            Candidate k = c.candidate();
            rows.add(List.of(c.name(), String.valueOf(c.bracket() + 1), k.architecture().configName(),
                    String.valueOf(k.temperature()), String.valueOf(k.alpha()), k.classWeighting().configName(),
                    String.valueOf(k.augmentationCopies()),
                    c.rungs().stream().map(CandidateProgress::validationMacroF1)
                            .map(f -> String.format(Locale.ROOT, "%.3f", f)).collect(Collectors.joining(", ")),
                    String.format(Locale.ROOT, "%.3f", c.last().rankedMacroF1()),
                    String.valueOf(c.last().epochsTrained()), outcome(search, c, strong)));
        }
        return new ReportTables.Cells(List.of("Candidate", "Bracket", "Architecture", "Temperature", "Alpha",
                "Class weighting", "Augmented copies", "Validation macro-F1 by rung", "Ranked score", "Epochs",
                "Outcome"), rows);
    }

    private static String outcome(RecipeSearchRecord search, RecipeSearchRecord.CandidateRecord c,
                                  UnaryOperator<String> strong) {
        if (c.name().equals(search.winner())) {
            return strong.apply("winner");
        }
        if (c.name().equals(search.bestScoring())) {
            return "best score, slower family";
        }
        return c.eliminatedAtRung() == null ? "finalist" : "cut after rung " + (c.eliminatedAtRung() + 1);
    }
}
