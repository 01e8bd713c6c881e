package io.sparkdistill.jobs.teacher;

import java.util.List;
import java.util.Map;

/** A stand-in teacher for the customer-support sample: picks an intent by keywords, with first-token logprobs. */
public final class SupportIntentTeacher {
    public static final List<String> LABELS = List.of("billing", "cancel_subscription", "technical_issue",
            "shipping_delivery", "account_access", "refund_request", "product_question");
    private static final Map<String, String> KEYWORDS = Map.ofEntries(
            Map.entry("charge", "billing"), Map.entry("invoice", "billing"), Map.entry("card", "billing"),
            Map.entry("cancel", "cancel_subscription"), Map.entry("unsubscribe", "cancel_subscription"),
            Map.entry("crash", "technical_issue"), Map.entry("error", "technical_issue"),
            Map.entry("parcel", "shipping_delivery"), Map.entry("delivery", "shipping_delivery"),
            Map.entry("tracking", "shipping_delivery"), Map.entry("password", "account_access"),
            Map.entry("log in", "account_access"), Map.entry("refund", "refund_request"),
            Map.entry("money back", "refund_request"));

    private SupportIntentTeacher() {
    }

    public static LabelAnswerer answerer() {
        return new LabelAnswerer(LABELS, KEYWORDS, "product_question");
    }
}
