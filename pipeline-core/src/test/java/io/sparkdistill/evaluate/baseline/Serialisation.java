package io.sparkdistill.evaluate.baseline;

import io.sparkdistill.student.text.Answerer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/** A fitted baseline sent through Java serialisation, as Spark ships it to the executors. */
final class Serialisation {
    private Serialisation() {
    }

    static Answerer roundTrip(Answerer answerer) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(answerer);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Answerer) in.readObject();
        }
    }
}
