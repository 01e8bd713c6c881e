package io.sparkdistill.report;

import io.sparkdistill.student.search.Candidate;
import io.sparkdistill.student.search.CandidateProgress;
import io.sparkdistill.student.search.RecipeSearchRecord;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The report's "Automatic recipe" section: which candidate the search chose and why, and every candidate's
 * validation macro-F1 rung by rung, so a reader can see how close the others came.
 */
final class AutomaticRecipeSection {

    private AutomaticRecipeSection() {
    }

    /** Appends the section; nothing when the run trained at the configured settings. */
    static void append(StringBuilder md, RecipeSearchRecord search) {
        if (search == null) {
            return;
        }
        RecipeSearchRecord.CandidateRecord winner = search.winnerRecord();
        md.append("## Automatic recipe\n\n");
        md.append(String.format(Locale.ROOT, "The train stage chose the distilled student among %d candidates%s by "
                        + "successive halving on validation macro-F1, training %d of its %d budget epochs. Winner: "
                        + "**%s**, validation macro-F1 %.3f (accuracy %.3f) at epoch %d of %d. The baseline has the "
                        + "winner's architecture and class weighting, at alpha 1.%n%n",
                search.candidates().size(), search.candidates().size() < search.gridSize()
                        ? " (a seeded sample of the " + search.gridSize() + " its lists make)" : "",
                search.epochsUsed(), search.budgetEpochs(), winner.name(), winner.last().validationMacroF1(),
                winner.last().validationAccuracy(), winner.last().bestEpoch(), winner.last().epochsTrained()));
        MarkdownTable table = new MarkdownTable("Candidate", "Architecture", "Temperature", "Alpha",
                "Class weighting", "Augmented copies", "Validation macro-F1 by rung", "Epochs", "Outcome");
        for (RecipeSearchRecord.CandidateRecord c : search.candidates()) {
            Candidate k = c.candidate();
            table.row(c.name(), k.architecture().configName(), String.valueOf(k.temperature()),
                    String.valueOf(k.alpha()), k.classWeighting().configName(),
                    String.valueOf(k.augmentationCopies()),
                    c.rungs().stream().map(CandidateProgress::validationMacroF1)
                            .map(f -> String.format(Locale.ROOT, "%.3f", f)).collect(Collectors.joining(", ")),
                    String.valueOf(c.last().epochsTrained()),
                    c.name().equals(search.winner()) ? "**winner**"
                            : c.eliminatedAtRung() == null ? "finalist"
                            : "cut after rung " + (c.eliminatedAtRung() + 1));
        }
        md.append(table).append('\n');
    }
}
