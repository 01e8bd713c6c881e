package io.sparkdistill.teacher.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.task.TaskStrategies;
import io.sparkdistill.teacher.prompt.PromptTemplate;
import io.sparkdistill.teacher.prompt.PromptTemplates;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OutputValidatorTest {
    static final List<String> NLI_LABELS = List.of("entailment", "neutral", "contradiction");
    static final List<String> INTENTS = List.of("billing", "shipping", "other");
    static final String DOCUMENT = "The city council voted on Tuesday to extend the bus network to the northern"
            + " suburbs. Construction starts in spring and should take two years, at a cost of 40 million euros.";

    static PromptTemplate template(TaskType task, boolean rationale) {
        return PromptTemplates.load(task).withRationale(rationale);
    }

    static Verdict validate(TaskType task, boolean rationale, String content, String finish, String refusal) {
        List<String> labels = task == TaskType.CLASSIFICATION ? INTENTS : NLI_LABELS;
        return new OutputValidator(TaskStrategies.of(task).answerParser()).validate(template(task, rationale), Map.of("document", DOCUMENT), labels,
                new TeacherOutput(content, finish, refusal, null, 0));
    }

    static Verdict validate(TaskType task, TeacherOutput output) {
        return new OutputValidator(TaskStrategies.of(task).answerParser()).validate(template(task, false),
                Map.of("document", DOCUMENT), NLI_LABELS, output);
    }

    static Verdict validate(TaskType task, String content) {
        return validate(task, false, content, "stop", null);
    }

    static Rejected rejected(Verdict verdict, RejectionReason reason) {
        Rejected r = assertInstanceOf(Rejected.class, verdict, () -> "expected " + reason + " but got " + verdict);
        assertEquals(reason, r.reason(), r::detail);
        return r;
    }

    /** Realistic good outputs: none of them may be rejected for any reason. */
    static Stream<Arguments> goodOutputs() {
        return Stream.of(
                Arguments.of(TaskType.NLI, false, "entailment", "entailment"),
                Arguments.of(TaskType.NLI, false, " Entailment.", "entailment"),
                Arguments.of(TaskType.NLI, true,
                        "{\"reason\": \"Playing a guitar on stage is performing music.\", \"answer\": \"entailment\"}",
                        "entailment"),
                Arguments.of(TaskType.CLASSIFICATION, false, "\"billing\"", "billing"),
                Arguments.of(TaskType.CLASSIFICATION, false, "Label: Shipping", "shipping"),
                Arguments.of(TaskType.CONVERSATION, false,
                        "I'm sorry your order hasn't arrived. Could you share the order number so I can check?",
                        "I'm sorry your order hasn't arrived. Could you share the order number so I can check?"),
                Arguments.of(TaskType.CONVERSATION, false,
                        "I'm sorry, but I can't offer refunds after 30 days. I can offer store credit instead.",
                        "I'm sorry, but I can't offer refunds after 30 days. I can offer store credit instead."),
                Arguments.of(TaskType.QA, false, "1889", "1889"),
                Arguments.of(TaskType.QA, true,
                        "{\"reason\": \"The context says it was completed in 1889.\", \"answer\": \"1889\"}", "1889"),
                Arguments.of(TaskType.MATH, false,
                        "In May she sold 48 / 2 = 24 clips.\nIn total she sold 48 + 24 = 72 clips.\n#### 72", "72"),
                Arguments.of(TaskType.MATH, true,
                        "{\"reason\": \"48 / 2 = 24 in May; 48 + 24 = 72.\", \"answer\": 72}", "72"),
                Arguments.of(TaskType.SUMMARISATION, false,
                        "The council will extend buses to the northern suburbs over two years for 40 million euros.",
                        "The council will extend buses to the northern suburbs over two years for 40 million euros."));
    }

    @ParameterizedTest
    @MethodSource("goodOutputs")
    void aGoodOutputIsAcceptedWithItsAnswer(TaskType task, boolean rationale, String content, String answer) {
        Verdict verdict = validate(task, rationale, content, "stop", null);
        Accepted accepted = assertInstanceOf(Accepted.class, verdict, verdict::toString);
        assertEquals(answer, accepted.answer());
        assertTrue(verdict.accepted());
    }

    @Test
    void distinctGoodOutputsAreNeverDuplicatesOfOneAnother() {
        Map<TaskType, DuplicateDetector> detectors = new java.util.EnumMap<>(TaskType.class);
        int i = 0;
        for (Arguments good : goodOutputs().toList()) {
            Object[] a = good.get();
            TaskType task = (TaskType) a[0];
            Verdict verdict = validate(task, (Boolean) a[1], (String) a[2], "stop", null);
            Verdict screened = detectors.computeIfAbsent(task, t -> new DuplicateDetector(TaskStrategies.of(t).answersRepeatByDesign()))
                    .screen("ex-" + i, "prompt-" + i++, verdict);
            assertTrue(screened.accepted(), screened::toString);
        }
    }

    @Test
    void anEmptyOrNullContentIsEmpty() {
        rejected(validate(TaskType.QA, ""), RejectionReason.EMPTY);
        rejected(validate(TaskType.QA, "  \n "), RejectionReason.EMPTY);
        assertEquals("content is null", rejected(validate(TaskType.CONVERSATION, false, null, "stop", null),
                RejectionReason.EMPTY).detail());
    }

    @Test
    void finishReasonLengthIsTruncatedEvenWithContent() {
        Rejected r = rejected(validate(TaskType.MATH, false, "In May she sold 48 / 2 = 24 clips. In total she",
                "length", null), RejectionReason.TRUNCATED);
        assertEquals("finish_reason length after 13 words", r.detail());
        // a reasoning model that spent all its tokens thinking returns no content at all
        rejected(validate(TaskType.NLI, false, null, "length", null), RejectionReason.TRUNCATED);
    }

    @Test
    void theRefusalFieldIsARefusal() {
        Rejected r = rejected(validate(TaskType.CONVERSATION, false, null, "stop",
                "I'm sorry, I cannot assist with that request."), RejectionReason.REFUSAL);
        assertEquals("refusal: I'm sorry, I cannot assist with that request.", r.detail());
        rejected(validate(TaskType.QA, false, "", "content_filter", null), RejectionReason.REFUSAL);
    }

    @Test
    void contentThatIsARefusalIsARefusalNotAWrongLabel() {
        rejected(validate(TaskType.NLI, "I'm sorry, but I can't help with that."), RejectionReason.REFUSAL);
        rejected(validate(TaskType.SUMMARISATION, "I cannot comply with this request."), RejectionReason.REFUSAL);
        rejected(validate(TaskType.MATH, true, "I can't assist with that request.", "stop", null),
                RejectionReason.REFUSAL);
        rejected(validate(TaskType.QA, true,
                "{\"reason\": \"Policy.\", \"answer\": \"I'm unable to help with that.\"}", "stop", null),
                RejectionReason.REFUSAL);
    }

    @Test
    void aLabelOutsideTheSetIsRejectedNamingTheSet() {
        Rejected r = rejected(validate(TaskType.NLI, "entail"), RejectionReason.LABEL_OUTSIDE_SET);
        assertEquals("'entail' is not one of [entailment, neutral, contradiction]", r.detail());
        rejected(validate(TaskType.CLASSIFICATION, "refund"), RejectionReason.LABEL_OUTSIDE_SET);
        rejected(validate(TaskType.NLI, "It is either entailment or neutral."), RejectionReason.LABEL_OUTSIDE_SET);
        rejected(validate(TaskType.NLI, true, "{\"reason\": \"Unclear.\", \"answer\": \"maybe\"}", "stop", null),
                RejectionReason.LABEL_OUTSIDE_SET);
    }

    @Test
    void aMathSolutionWithoutANumberHasNoFinalAnswer() {
        rejected(validate(TaskType.MATH, "We need more information about how many clips she sold."),
                RejectionReason.NO_FINAL_ANSWER);
        rejected(validate(TaskType.MATH, "In May she sold 48 / 2 = 24 clips.\n#### unknown"),
                RejectionReason.NO_FINAL_ANSWER);
        rejected(validate(TaskType.MATH, true, "{\"reason\": \"48 + 24\", \"answer\": \"seventy-two\"}", "stop",
                null), RejectionReason.NO_FINAL_ANSWER);
    }

    @Test
    void mathAnswersWrittenDifferentlyAreAcceptedAndEqual() {
        Accepted hashes = assertInstanceOf(Accepted.class, validate(TaskType.MATH,
                "Each of the 10 boxes holds 100 pens: 10 * 100 = 1,000.\n#### 1,000"));
        Accepted stated = assertInstanceOf(Accepted.class, validate(TaskType.MATH,
                "10 boxes of 100 pens make 10 * 100 pens. The answer is 1000.0."));
        assertEquals("1000", hashes.answer());
        assertEquals(hashes.answer(), stated.answer());
        assertEquals("Each of the 10 boxes holds 100 pens: 10 * 100 = 1,000.\n#### 1,000", hashes.rationale());
    }

    @Test
    void rationaleJsonThatDoesNotMatchTheSchemaIsRejected() {
        rejected(validate(TaskType.NLI, true, "entailment", "stop", null), RejectionReason.RATIONALE_SCHEMA);
        rejected(validate(TaskType.NLI, true, "{\"answer\": \"entailment\"}", "stop", null),
                RejectionReason.RATIONALE_SCHEMA);
        rejected(validate(TaskType.NLI, true, "{\"reason\": \"x\", \"answer\": [\"entailment\"]}", "stop", null),
                RejectionReason.RATIONALE_SCHEMA);
        rejected(validate(TaskType.QA, true, "{\"reason\": \"cut off", "stop", null),
                RejectionReason.RATIONALE_SCHEMA);
    }

    @Test
    void rationaleJsonInAFencedBlockIsAccepted() {
        Accepted a = assertInstanceOf(Accepted.class, validate(TaskType.NLI, true, """
                ```json
                {"reason": "Playing a guitar on stage is performing music.", "answer": "Entailment"}
                ```""", "stop", null));
        assertEquals("entailment", a.answer());
        assertEquals("Playing a guitar on stage is performing music.", a.rationale());
    }

    @Test
    void aSummaryLongerThanItsSourceIsRejected() {
        String longer = DOCUMENT + " In summary, the bus network grows.";
        Rejected r = rejected(validate(TaskType.SUMMARISATION, longer), RejectionReason.SUMMARY_TOO_LONG);
        assertEquals("summary has 37 words, its source 31", r.detail());
    }

    @Test
    void plainModeKeepsNoRationaleExceptTheMathSolution() {
        assertNull(assertInstanceOf(Accepted.class, validate(TaskType.QA, "1889")).rationale());
    }

    @Test
    void toolCallsAreNeverTheAnswerWhateverTheFinishReasonAndTheContentBesideThem() {
        rejected(validate(TaskType.QA, new TeacherOutput(null, "tool_calls", null, null, 2)), RejectionReason.TOOL_CALL);
        rejected(validate(TaskType.QA, new TeacherOutput("Paris", "function_call", null, null, 0)),
                RejectionReason.TOOL_CALL);
        Rejected forced = rejected(validate(TaskType.QA, new TeacherOutput("Let me check.", "stop", null, null, 1)),
                RejectionReason.TOOL_CALL);
        assertEquals("1 tool call(s), finish_reason stop", forced.detail());
    }

    @Test
    void anAnswerTheServerStoppedIsTruncatedEvenFromTheCache() {
        Rejected r = rejected(validate(TaskType.QA, false, "The tower was built in", "insufficient_system_resource",
                null), RejectionReason.TRUNCATED);
        assertEquals("finish_reason insufficient_system_resource after 5 words", r.detail());
        rejected(validate(TaskType.QA, false, "The tower", "abort", null), RejectionReason.TRUNCATED);
    }

    @Test
    void reasoningWithoutContentIsReasoningOnlyAndWithoutEitherEmpty() {
        rejected(validate(TaskType.NLI, new TeacherOutput(" ", "stop", null, "The premise says", 0)),
                RejectionReason.REASONING_ONLY);
        rejected(validate(TaskType.NLI, new TeacherOutput(null, "stop", null, " ", 0)), RejectionReason.EMPTY);
        rejected(validate(TaskType.NLI, new TeacherOutput(null, "length", null, "The premise says", 0)),
                RejectionReason.TRUNCATED);
        assertInstanceOf(Accepted.class,
                validate(TaskType.NLI, new TeacherOutput("neutral", "stop", null, "The premise says", 0)));
    }

    @Test
    void everyReasonExceptDuplicateComesFromTheValidatorAndDuplicateFromTheDetector() {
        Set<RejectionReason> seen = EnumSet.noneOf(RejectionReason.class);
        for (Verdict v : List.of(
                validate(TaskType.QA, ""),
                validate(TaskType.QA, false, "The tower", "length", null),
                validate(TaskType.QA, "I can't help with that."),
                validate(TaskType.NLI, "entail"),
                validate(TaskType.MATH, "I do not know."),
                validate(TaskType.QA, true, "1889", "stop", null),
                validate(TaskType.SUMMARISATION, DOCUMENT + " Also more."),
                validate(TaskType.QA, new TeacherOutput("Let me look.", "tool_calls", null, null, 1)),
                validate(TaskType.QA, new TeacherOutput(null, "stop", null, "Thinking.", 0)))) {
            seen.add(((Rejected) v).reason());
        }
        String reply = "Thank you for contacting us. Your refund has been issued and will arrive in 5 days.";
        DuplicateDetector detector = new DuplicateDetector(false);
        detector.screen("c1", "p1", validate(TaskType.CONVERSATION, reply));
        seen.add(((Rejected) detector.screen("c2", "p2", validate(TaskType.CONVERSATION, reply))).reason());
        assertEquals(EnumSet.allOf(RejectionReason.class), seen);
    }
}
