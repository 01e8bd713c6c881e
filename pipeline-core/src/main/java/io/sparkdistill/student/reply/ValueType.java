package io.sparkdistill.student.reply;

/**
 * The kinds of value a reply takes from its conversation. Typed values are recognised by their form wherever they
 * stand; a phrase (a product, a plan, a city, a device) has no form of its own and is known only because the reply
 * repeats words the conversation used.
 *
 * <p>A reply that needs a typed value (an order id, an amount) only makes sense when the conversation has one, so a
 * template whose typed slot finds nothing is not used; a phrase slot that finds nothing keeps the words it had in
 * training, which is at worst the teacher's own wording.
 */
public enum ValueType {
    EMAIL, AMOUNT, TIME, DATE, CODE, NUMBER, PHRASE;

    /** Typed values must be found in the conversation for a template to be used; phrases may fall back. */
    public boolean required() {
        return this != PHRASE;
    }

    /** How a template's text shows a slot of this type, e.g. {@code {amount}}. */
    public String placeholder() {
        return "{" + name().toLowerCase(java.util.Locale.ROOT) + "}";
    }
}
