package io.sparkdistill.student.program;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.StudentCard;
import io.sparkdistill.student.text.StudentWeights;
import io.sparkdistill.student.text.TextStudent;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained math program student: its {@link ProgramSpace}, its network and its card. It answers a word problem by
 * choosing a program shape and running it on the question's numbers, exactly.
 *
 * <p>Serialisable, so Spark can broadcast it: the network travels as the bytes of DL4J's own model format.
 */
public final class ProgramStudent implements TextStudent {
    private static final long serialVersionUID = 1L;
    public static final String SPACE_FILE = "program-space.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProgramSpace space;
    private final StudentCard card;
    private transient ComputationGraph network;
    private transient ProgramForward forward;

    public ProgramStudent(ProgramSpace space, ComputationGraph network, StudentCard card) {
        long outputs = network.getOutputLayer(0).getParam("b").length();
        if (outputs != space.shapes().size()) {
            throw new IllegalArgumentException("the network has " + outputs + " outputs but the space "
                    + space.shapes().size() + " program shapes");
        }
        this.space = space;
        this.network = network;
        this.card = card;
    }

    @Override
    public Answerer newAnswerer() {
        return new ProgramAnswerer(space, forward());
    }

    /** The forward pass shared by this student's answerers, read from the network when first needed. */
    private synchronized ProgramForward forward() {
        if (forward == null) {
            forward = new ProgramForward(network);
        }
        return forward;
    }

    /** The network itself (not a copy). */
    ComputationGraph network() {
        return network;
    }

    @Override
    public StudentCard card() {
        return card;
    }

    public ProgramSpace space() {
        return space;
    }

    @Override
    public long parameterCount() {
        return network.numParams();
    }

    @Override
    public void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        StudentWeights.write(network, folder);
        JSON.writeValue(folder.resolve(SPACE_FILE).toFile(), space);
        card.write(folder);
    }

    /** Reads a folder written by {@link #save}. */
    static ProgramStudent load(Path folder) throws IOException {
        ProgramSpace space = JSON.readValue(folder.resolve(SPACE_FILE).toFile(), ProgramSpace.class);
        return new ProgramStudent(space, StudentWeights.read(folder),
                StudentCard.read(folder));
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeObject(StudentWeights.toBytes(network));
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        network = StudentWeights.fromBytes((byte[]) in.readObject());
    }
}
