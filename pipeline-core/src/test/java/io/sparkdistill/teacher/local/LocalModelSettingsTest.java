package io.sparkdistill.teacher.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sparkdistill.config.ConfigProblem;
import io.sparkdistill.config.LocalModelSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalModelSettingsTest {

    /** Configured as ConfigLoader's mapper is. */
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Test
    void readsSnakeCaseYamlWithDefaults() throws Exception {
        LocalModelSettings s = YAML.readValue("""
                path: hdfs://nn:8020/models/intent
                kind: classifier
                model_name: intent
                max_length: 128
                """, LocalModelSettings.class);
        assertEquals("hdfs://nn:8020/models/intent", s.path());
        assertEquals("OnnxRuntime", s.engine());
        assertEquals("intent", s.modelName());
        assertEquals("tokenizer.json", s.tokenizer());
        assertEquals("mean", s.pooling());
        assertTrue(s.normalize());
        assertEquals(128, s.maxLength());
        assertTrue(s.isUrl());
        assertFalse(s.isEncoder());
        assertEquals(List.of(), s.problems("teacher.local"));
        assertEquals("PyTorch", new LocalModelSettings("/m", "pytorch", "encoder", null, null, "CLS", false, null)
                .engine());
    }

    @Test
    void aPtFileAsThePathMeansPyTorchUnlessTheEngineIsGiven() {
        assertEquals("PyTorch", new LocalModelSettings("hdfs:///models/intent/model.pt", null, "classifier", null,
                null, null, null, null).engine());
        assertEquals("PyTorch", new LocalModelSettings("/models/intent/Model.PT", null, "classifier", null, null,
                null, null, null).engine());
        assertEquals("OnnxRuntime", new LocalModelSettings("/models/intent/model.pt", "onnx", "classifier", null,
                null, null, null, null).engine(), "a configured engine wins");
        assertEquals("OnnxRuntime", new LocalModelSettings("/models/intent", null, "classifier", null, null, null,
                null, null).engine(), "a folder: ONNX unless configured");
        assertEquals("OnnxRuntime", new LocalModelSettings("/models/intent.pth/model.onnx", null, "classifier", null,
                null, null, null, null).engine());
    }

    @Test
    void everyProblemNamesItsKey() {
        LocalModelSettings s = new LocalModelSettings(" ", "tensorflow", "ranker", "a/b", "/abs/tokenizer.json",
                "max", null, 1);
        List<String> keys = s.problems("teacher.local").stream().map(ConfigProblem::key).toList();
        assertEquals(List.of("teacher.local.path", "teacher.local.engine", "teacher.local.kind",
                "teacher.local.model_name", "teacher.local.tokenizer", "teacher.local.pooling",
                "teacher.local.max_length"), keys);
        assertEquals("teacher.local.kind: expected classifier (the model outputs one logit per label) or encoder "
                + "(it outputs embeddings), found 'ranker'", s.problems("teacher.local").get(2).toString());
        assertFalse(new LocalModelSettings("/models/x", null, null, null, null, null, null, null)
                .problems("teacher.local").isEmpty(), "kind has no default");
    }
}
