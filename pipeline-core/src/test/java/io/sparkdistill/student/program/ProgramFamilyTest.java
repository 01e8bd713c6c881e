package io.sparkdistill.student.program;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.evaluate.text.MathAnswer;
import io.sparkdistill.math.Softmax;
import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.FamilySettings;
import io.sparkdistill.student.text.TextExample;
import io.sparkdistill.student.text.TextStudent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The program family learns to solve word problems it has not seen, from a few dozen worked answers per kind of
 * problem, and keeps its answers through saving and Java serialisation (Spark's broadcast). The problems are made up
 * here, worded unlike the sample data, half of the solutions without calculator annotations.
 */
class ProgramFamilyTest {
    private static final String[] NAMES = {"Ada", "Bo", "Chen", "Dara", "Emil", "Fay", "Gus", "Hana"};
    private static final String[] THINGS = {"stickers", "marbles", "stamps", "shells", "beads"};
    private static ProgramStudent student;
    private static List<TextExample> heldOut;

    /** One made-up problem of kind {@code kind} with its worked answer. */
    private static TextExample problem(int kind, Random random) {
        String name = NAMES[random.nextInt(NAMES.length)];
        String thing = THINGS[random.nextInt(THINGS.length)];
        int a = 2 + random.nextInt(60);
        int b = 2 + random.nextInt(9);
        int c = 2 + random.nextInt(9);
        boolean annotated = random.nextBoolean();
        String question;
        List<String> steps = new ArrayList<>();
        switch (kind) {
            case 0 -> {
                question = name + " has " + a + " " + thing + " and buys " + b + " packs with " + c + " " + thing
                        + " in each. How many " + thing + " does " + name + " have now?";
                steps.add(b + " * " + c + "=" + (b * c));
                steps.add(a + " + " + (b * c) + "=" + (a + b * c));
            }
            case 1 -> {
                question = "A ferry makes " + b + " crossings of " + a + " miles each, then sails " + c
                        + " miles back to the dock. How far does it sail?";
                steps.add(a + " * " + b + "=" + (a * b));
                steps.add((a * b) + " + " + c + "=" + (a * b + c));
            }
            case 2 -> {
                int money = a + b + c + random.nextInt(50);
                question = name + " had " + money + " dollars, spent " + b + " dollars on lunch and " + c
                        + " dollars on a book. How many dollars are left?";
                steps.add(money + " - " + b + "=" + (money - b));
                steps.add((money - b) + " - " + c + "=" + (money - b - c));
            }
            case 3 -> {
                int boxes = a;
                question = "A baker bakes " + (boxes * c) + " rolls every hour for " + b + " hours and packs them in "
                        + "bags of " + c + ". How many bags does the baker fill?";
                steps.add((boxes * c) + " * " + b + "=" + (boxes * c * b));
                steps.add((boxes * c * b) + " / " + c + "=" + (boxes * b));
            }
            default -> {
                int guests = 20 * (1 + random.nextInt(30));
                int percent = 5 * (1 + random.nextInt(19));
                question = "Of the " + guests + " guests at the dinner, " + percent + "% ordered fish. How many "
                        + "guests ordered fish?";
                steps.add(guests + " * " + percent + " / 100=" + (guests * percent / 100));
            }
        }
        StringBuilder answer = new StringBuilder();
        String result = "";
        for (String step : steps) {
            String[] sides = step.split("=");
            result = sides[1];
            answer.append(annotated ? "We get " + sides[0] + " = <<" + sides[0].replace(" ", "") + "=" + result
                    + ">>" + result + ".\n" : "We get " + sides[0] + " = " + result + ".\n");
        }
        answer.append("#### ").append(result);
        return TextExample.of(ProgramTraining.question(question), answer.toString(), List.of(answer.toString()));
    }

    @BeforeAll
    static void train() {
        Random random = new Random(3);
        List<TextExample> training = new ArrayList<>();
        heldOut = new ArrayList<>();
        for (int i = 0; i < 5 * 40; i++) {
            (i < 5 * 30 ? training : heldOut).add(problem(i % 5, random));
        }
        FamilySettings settings = new FamilySettings(StudentConfig.fastText(4096, 32, 2, 0),
                new Hyperparameters(0.01, 16, 10, null, null, 7L, null, null));
        student = ProgramTraining.train(training, settings);
    }

    private static List<String> answers(TextStudent student) {
        Answerer answerer = student.newAnswerer();
        return heldOut.stream().map(e -> answerer.answer(e.inputs()).text()).toList();
    }

    @Test
    void solvesHeldOutProblemsFarAboveChance() {
        List<String> answers = answers(student);
        List<List<String>> references = heldOut.stream().map(TextExample::references).toList();
        double exactMatch = MathAnswer.exactMatch(answers, references);
        // five kinds of problem: guessing a kind right is 20% at best, and then the numbers must be right too
        assertTrue(exactMatch >= 90, "exact match " + exactMatch + " on held-out problems");
        assertEquals(5, student.space().shapes().size(), student.space().shapes().toString());
    }

    @Test
    void thePlainJavaForwardPassScoresShapesAsTheTrainedNetworkDoes() {
        ProgramForward forward = new ProgramForward(student.network());
        QuestionReader reader = new QuestionReader(student.space());
        for (TextExample example : heldOut.subList(0, 10)) {
            QuestionReader.Read read = reader.read(ProgramFamily.question(example.inputs()));
            float[] expected = student.network().outputSingle(
                    Nd4j.createFromArray(new float[][] {read.denseNgrams(student.space().buckets())}),
                    Nd4j.createFromArray(new float[][] {read.meaning()})).toFloatVector();
            float[] actual = Softmax.of(forward.logits(read.ngrams(), read.meaning()), 1.0);
            assertArrayEquals(expected, actual, 1e-5f);
        }
    }

    @Test
    void answersAreWorkedSolutionsEndingInTheFinalNumber() {
        String answer = student.newAnswerer().answer(
                ProgramTraining.question("Of the 300 guests at the dinner, 15% ordered fish. How many guests ordered "
                        + "fish?")).text();
        assertEquals("Step 1: 300 * 15 / 100 = <<300*15/100=45>>45\n#### 45", answer);
    }

    @Test
    void examplesWithoutAUsableProgramAreReportedWithTheirReason() {
        TextExample wrong = TextExample.of(ProgramTraining.question("Ada has 3 beads and buys 4 more."),
                "3 + 4 = <<3+4=7>>7\n#### 8", List.of("#### 7"));
        assertEquals(Optional.of("no arithmetic program reproduces the final answer 8"),
                new ProgramFamily().unusable(student.space(), wrong));
        assertEquals(Optional.empty(), new ProgramFamily().unusable(student.space(), heldOut.get(0)));
    }

    @Test
    void saveAndLoadGiveTheSameAnswers(@TempDir Path folder) throws Exception {
        student.save(folder);
        TextStudent loaded = new ProgramFamily().load(folder);
        assertEquals(answers(student), answers(loaded));
        assertEquals(student.parameterCount(), loaded.parameterCount());
        assertEquals("program", loaded.card().family());
        assertEquals(5, loaded.card().settings().get("program_shapes"));
    }

    @Test
    void javaSerialisationGivesTheSameAnswers() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(student);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(answers(student), answers((TextStudent) in.readObject()));
        }
    }
}
