package io.sparkdistill.student.reply;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.student.SparseFeatures;
import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.FamilySettings;
import io.sparkdistill.student.text.TextExample;
import io.sparkdistill.student.text.TextStudent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The selection family learns which of four kinds of support reply answers a conversation, fills it with values it
 * never saw, and keeps its answers through saving and Java serialisation (Spark's broadcast).
 */
class SelectionFamilyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] IDS = {"ORD-1042", "ORD-2213", "ORD-3390", "ORD-4471", "ORD-5528",
            "ORD-6607", "ORD-7781", "ORD-8843", "ORD-9912", "ORD-1357"};
    private static final String[] DATES = {"3 March", "17 April", "9 May", "21 June", "2 July", "14 August",
            "30 September", "8 October", "19 November", "5 December"};
    private static final String[] AMOUNTS = {"€12.99", "$45", "£7.50", "€89", "$19.99", "£120", "€5.49", "$64.10",
            "£33", "€250"};
    private static final String[] PLANS = {"Basic", "Premium", "Family", "Student", "Business", "Starter", "Team",
            "Plus", "Pro", "Gold"};
    private static final String[] EMAILS = {"ana@example.org", "li.wei@example.com", "omar.k@example.net",
            "sara99@example.org", "jon.b@example.com", "eva.m@example.net", "raj@example.org", "mia.t@example.com",
            "tom.h@example.net", "zoe@example.org"};
    private static final String[] CITIES = {"Lisbon", "Oslo", "Denver", "Kyoto", "Lyon", "Porto", "Austin", "Gdansk",
            "Leeds", "Perth"};
    private static TextStudent student;
    private static List<TextExample> heldOut;

    static String messages(String... userThenAssistant) {
        ArrayNode array = JSON.createArrayNode();
        for (int i = 0; i < userThenAssistant.length; i++) {
            array.addObject().put("role", i % 2 == 0 ? "user" : "assistant").put("content", userThenAssistant[i]);
        }
        return array.toString();
    }

    /** Value set {@code v} of kind {@code kind}, asked in one of two ways. */
    static TextExample example(int kind, int v, int phrasing) {
        String user;
        String reply;
        switch (kind) {
            case 0 -> {
                user = phrasing == 0 ? "Where is my order " + IDS[v] + "? It was due on " + DATES[v] + "."
                        : "Order " + IDS[v] + " still hasn't arrived, it should have come on " + DATES[v] + ".";
                reply = "Sorry for the delay. Order " + IDS[v] + " is with the courier and will arrive by "
                        + DATES[v] + ".";
            }
            case 1 -> {
                user = phrasing == 0 ? "I was charged " + AMOUNTS[v] + " twice for my " + PLANS[v] + " plan."
                        : "Why did you take " + AMOUNTS[v] + " two times? I only have the " + PLANS[v] + " plan.";
                reply = "I've refunded the duplicate charge of " + AMOUNTS[v] + " for your " + PLANS[v] + " plan.";
            }
            case 2 -> {
                user = phrasing == 0 ? "I forgot my password. My email is " + EMAILS[v] + "."
                        : "Can't log in, the password doesn't work. Account email: " + EMAILS[v];
                reply = "I've sent a reset link to " + EMAILS[v] + ". It expires in one hour.";
            }
            default -> {
                user = phrasing == 0 ? "Can you ship my parcel to " + CITIES[v] + " instead?"
                        : "I moved to " + CITIES[v] + ", please change the delivery address.";
                reply = "Done: the new delivery city is " + CITIES[v] + ". You'll get a confirmation email.";
            }
        }
        return TextExample.of(Map.of("messages", messages(user)), reply, List.of(reply));
    }

    static FamilySettings settings() {
        return new FamilySettings(StudentConfig.fastText(512, 16, 2, 0),
                new Hyperparameters(0.01, 8, 15, null, null, 11L, null, null));
    }

    @BeforeAll
    static void train() {
        List<TextExample> training = new ArrayList<>();
        heldOut = new ArrayList<>();
        for (int kind = 0; kind < 4; kind++) {
            for (int v = 0; v < IDS.length; v++) {
                for (int phrasing = 0; phrasing < 2; phrasing++) {
                    (v < 6 ? training : heldOut).add(example(kind, v, phrasing));
                }
            }
        }
        student = SampleConversations.train(training, settings());
    }

    private static List<String> answers(TextStudent s) {
        Answerer answerer = s.newAnswerer();
        return heldOut.stream().map(e -> answerer.answer(e.inputs()).text()).toList();
    }

    @Test
    void theFamilyAnswersHeldOutConversationsWithTheirOwnValuesFarAboveChance() {
        List<String> answers = answers(student);
        int exact = 0;
        for (int i = 0; i < heldOut.size(); i++) {
            if (answers.get(i).equals(heldOut.get(i).target())) {
                exact++;
            }
        }
        // four kinds of reply: choosing at random gets a quarter right, before filling any slot
        assertTrue(exact >= 0.9 * heldOut.size(), exact + " of " + heldOut.size() + " exact: " + answers);
        assertEquals(4, ((SelectionStudent) student).candidates().size(), "one template per kind of reply: "
                + ((SelectionStudent) student).candidates().templates().stream().map(ReplyTemplate::skeleton).toList());
    }

    @Test
    void savingAndLoadingGivesTheSameAnswers(@TempDir Path folder) throws Exception {
        student.save(folder);
        TextStudent loaded = new SelectionFamily().load(folder);
        assertEquals(answers(student), answers(loaded));
        assertEquals(student.parameterCount(), loaded.parameterCount());
        assertEquals("selection", loaded.card().family());
        assertEquals(4, loaded.card().settings().get("candidates"));
    }

    @Test
    void javaSerialisationGivesTheSameAnswers() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(student);
        }
        TextStudent copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (TextStudent) in.readObject();
        }
        assertEquals(answers(student), answers(copy));
    }

    @Test
    void theStudentsOwnEncodingScoresCandidatesAsTheNetworkDoes() {
        SelectionStudent s = (SelectionStudent) student;
        CandidateSet candidates = s.candidates();
        TextExample example = heldOut.get(0);
        // a group of every candidate (the group size is 16 here, so the four are repeated) through the network
        MultiDataSet batch = new SelectionFamily().batches(candidates, List.of(example).iterator(), 1).next();
        float[] network = s.network().outputSingle(batch.getFeatures()).toFloatVector();
        float[] scores = s.ranker().scores(Conversation.parse(example.inputs().get("messages")));
        PairFeatures features = s.ranker().features();
        // the batch's one row holds the group's replies side by side
        float[][] replies = batch.getFeatures(1).reshape(-1, features.replyWidth()).toFloatMatrix();
        double[] expected = new double[network.length];
        double total = 0;
        for (int k = 0; k < network.length; k++) {
            for (int n = 0; n < candidates.size(); n++) {
                if (Arrays.equals(replies[k], dense(features.reply(candidates.templates().get(n)),
                        features.replyWidth()))) {
                    expected[k] = Math.exp(scores[n]);
                }
            }
            total += expected[k];
        }
        for (int k = 0; k < network.length; k++) {
            assertEquals(expected[k] / total, network[k], 1e-4, "candidate row " + k);
        }
    }

    @Test
    void everyTargetsTemplateIsAPositiveWeightedByItsShare() {
        SelectionStudent s = (SelectionStudent) student;
        // a conversation with two requests, which the teacher answered one way twice and the other way once
        String late = example(0, 7, 0).target();
        String refund = example(1, 7, 0).target();
        String user = "Where is my order " + IDS[7] + "? It was due on " + DATES[7] + ". And I was charged "
                + AMOUNTS[7] + " twice for my " + PLANS[7] + " plan.";
        TextExample soft = new TextExample(Map.of("messages", messages(user)), late, List.of(late, late, refund),
                List.of());
        Map<Integer, Double> shares = SelectionBatches.positives(s.candidates(),
                Conversation.parse(soft.inputs().get("messages")), soft.targets());
        assertEquals(2, shares.size());
        List<Double> values = new ArrayList<>(shares.values());
        assertEquals(2.0 / 3, values.get(0), 1e-9);
        assertEquals(1.0 / 3, values.get(1), 1e-9);
        MultiDataSet batch = new SelectionFamily().batches(s.candidates(), List.of(soft).iterator(), 1).next();
        float[] labels = batch.getLabels(0).toFloatVector();
        double sum = 0;
        for (float label : labels) {
            sum += label;
        }
        assertEquals(1.0, sum, 1e-6);
        assertEquals((float) (2.0 / 3), labels[0], 1e-6);
        assertEquals((float) (1.0 / 3), labels[1], 1e-6);
    }

    @Test
    void anExampleWhoseReplyIsNoCandidateIsReportedUnusable() {
        SelectionStudent s = (SelectionStudent) student;
        TextExample stranger = TextExample.of(Map.of("messages", messages("Do you sell gift cards?")),
                "Yes, gift cards come in any amount from the shop's front page.", List.of());
        assertTrue(new SelectionFamily().unusable(s.candidates(), stranger).isPresent());
        assertTrue(new SelectionFamily().unusable(s.candidates(), example(2, 9, 1)).isEmpty());
    }

    private static float[] dense(SparseFeatures f, int width) {
        float[] row = new float[width];
        for (int k = 0; k < f.size(); k++) {
            row[f.indices()[k]] += f.values()[k];
        }
        return row;
    }
}
