package io.sparkdistill.teacher.prompt;

/** A template that cannot be loaded or rendered; the message names the template file and what is wrong. */
public class PromptTemplateException extends IllegalArgumentException {
    public PromptTemplateException(String message) {
        super(message);
    }

    public PromptTemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
