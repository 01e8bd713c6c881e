package io.sparkdistill.config;

import java.io.Serializable;

/**
 * The generative student of the text tasks (conversation, qa, summarisation, math): an LSTM language model over a
 * subword vocabulary learnt from its training texts, reading the prompt and then writing the answer. Sized by default
 * so that training on the sample data takes minutes on two cores.
 *
 * @param vocabSize       subword tokens, specials included (default 500)
 * @param embedding       width of the token embedding (default 48)
 * @param hidden          LSTM units per layer (default 128)
 * @param layers          stacked LSTM layers (default 1)
 * @param maxPromptTokens prompt tokens read; a longer prompt keeps its start for summarisation (the lead of a
 *                        document matters most) and its end for the other tasks (the question, the latest turn)
 *                        (default 128)
 * @param maxAnswerTokens tokens the student writes at most, and trains on at most (default 64)
 * @param decoding        {@code beam} (default) or {@code greedy}
 * @param beamWidth       hypotheses kept by beam search (default 4)
 */
public record GenerativeStudentConfig(Integer vocabSize, Integer embedding, Integer hidden, Integer layers,
                                      Integer maxPromptTokens, Integer maxAnswerTokens, Decoding decoding,
                                      Integer beamWidth) implements Serializable {
    public GenerativeStudentConfig {
        vocabSize = vocabSize == null ? 500 : vocabSize;
        embedding = embedding == null ? 48 : embedding;
        hidden = hidden == null ? 128 : hidden;
        layers = layers == null ? 1 : layers;
        maxPromptTokens = maxPromptTokens == null ? 128 : maxPromptTokens;
        maxAnswerTokens = maxAnswerTokens == null ? 64 : maxAnswerTokens;
        decoding = decoding == null ? Decoding.BEAM : decoding;
        beamWidth = beamWidth == null ? 4 : beamWidth;
    }

    public static GenerativeStudentConfig defaults() {
        return new GenerativeStudentConfig(null, null, null, null, null, null, null, null);
    }

    /** Hypotheses the decoder keeps: 1 for greedy decoding. */
    public int effectiveBeamWidth() {
        return decoding == Decoding.GREEDY ? 1 : beamWidth;
    }

    /** Checks every key; {@code problems} is the view of this section. */
    public void validate(ConfigProblems problems) {
        problems.require(vocabSize >= 32 && vocabSize <= 50_000, "vocab_size", vocabSize, "32 to 50000");
        problems.require(embedding > 0, "embedding", embedding, "a positive number");
        problems.require(hidden > 0, "hidden", hidden, "a positive number");
        problems.require(layers >= 1 && layers <= 4, "layers", layers, "1 to 4");
        problems.require(maxPromptTokens >= 8, "max_prompt_tokens", maxPromptTokens, "at least 8");
        problems.require(maxAnswerTokens >= 1, "max_answer_tokens", maxAnswerTokens, "at least 1");
        problems.require(beamWidth >= 1 && beamWidth <= 16, "beam_width", beamWidth, "1 to 16");
    }
}
