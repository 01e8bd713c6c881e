package io.sparkdistill.teacher.api;

/**
 * Chain of thought that a model wrote into its answer as {@code <think>...</think>}, split from the final answer so
 * that reasoning never becomes the answer. Reasoning models (DeepSeek-R1, QwQ, Qwen3) do this behind servers that do
 * not separate it into {@code reasoning_content}: Azure AI model inference, TGI, vLLM or Ollama without a reasoning
 * parser. Three forms are recognised: a block at the start of the content; a content holding only
 * {@code ...</think>answer}, because the chat template already opened the block in the prompt; and a block never
 * closed (the model ran out of tokens while thinking), which leaves no answer at all. Content that merely mentions the
 * tags after some text is left alone.
 *
 * @param reasoning the text inside the block, null when the content holds none
 * @param answer    what follows the block; the whole content when there is no block; empty when the block never closed
 */
record ThinkBlock(String reasoning, String answer) {
    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    static ThinkBlock split(String content) {
        if (content == null) {
            return new ThinkBlock(null, null);
        }
        String lead = content.stripLeading();
        if (lead.startsWith(OPEN)) {
            int close = lead.indexOf(CLOSE, OPEN.length());
            return close < 0
                    ? new ThinkBlock(lead.substring(OPEN.length()).strip(), "")
                    : new ThinkBlock(lead.substring(OPEN.length(), close).strip(),
                            lead.substring(close + CLOSE.length()).strip());
        }
        int close = content.indexOf(CLOSE);
        if (close >= 0 && !content.substring(0, close).contains(OPEN)) {
            return new ThinkBlock(content.substring(0, close).strip(), content.substring(close + CLOSE.length()).strip());
        }
        return new ThinkBlock(null, content);
    }
}
