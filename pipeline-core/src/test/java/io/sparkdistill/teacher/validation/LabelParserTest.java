package io.sparkdistill.teacher.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelParserTest {
    static final LabelParser NLI = new LabelParser(List.of("entailment", "neutral", "contradiction"));
    static final LabelParser INTENTS = new LabelParser(List.of("billing", "shipping", "not_sure"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "entailment|entailment",
            "' Entailment.'|entailment",
            "ENTAILMENT|entailment",
            "label: neutral|neutral",
            "Label: Neutral.|neutral",
            "Answer: contradiction|contradiction",
            "The answer is: contradiction!|contradiction",
            "**Neutral**|neutral",
            "`neutral`|neutral",
            "'neutral'|neutral",
            "(neutral)|neutral",
    })
    void realisticSpellingsOfAnNliLabelAreRead(String text, String label) {
        assertEquals(Optional.of(label), NLI.parse(text));
    }

    @Test
    void quotedAndSeparatorVariantsOfClassLabelsAreRead() {
        assertEquals(Optional.of("billing"), INTENTS.parse("\"billing\""));
        assertEquals(Optional.of("billing"), INTENTS.parse("“Billing”"));
        assertEquals(Optional.of("not_sure"), INTENTS.parse("Not sure."));
        assertEquals(Optional.of("not_sure"), INTENTS.parse("category: not-sure"));
    }

    @Test
    void aLabelOnTheFirstOrLastLineOfALongerAnswerIsRead() {
        assertEquals(Optional.of("entailment"),
                NLI.parse("Entailment\n\nPlaying a guitar on stage is a way of performing music."));
        assertEquals(Optional.of("neutral"), NLI.parse("The premise does not mention the weather.\nLabel: neutral"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"entail", "entailed", "neutrality", "contradict", "entailment or neutral",
            "I think it is neutral", "yes", "", "Label:", "entailment\nLabel: contradiction"})
    void nearMissesAndAmbiguousAnswersAreNotRead(String text) {
        assertEquals(Optional.empty(), NLI.parse(text));
    }

    @Test
    void labelsThatCannotBeToldApartAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabelParser(List.of("not_sure", "Not Sure")));
        assertTrue(e.getMessage().contains("'not_sure' and 'Not Sure'"), e.getMessage());
    }
}
