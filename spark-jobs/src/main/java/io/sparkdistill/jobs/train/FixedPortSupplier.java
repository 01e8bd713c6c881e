package io.sparkdistill.jobs.train;

import org.nd4j.parameterserver.distributed.v2.transport.PortSupplier;

/**
 * The UDP port every node of the gradient-sharing mesh listens on: {@code training.port}, the driver's root and each
 * executor alike. DL4J 1.0.0-M2's own {@code StaticPortSupplier}, which {@code VoidConfiguration.builder()
 * .unicastPort(p)} builds, checks {@code p} and never stores it, so it always answers its default 49876. The
 * driver's master and each executor's {@code SharedTrainingWrapper} both take their port from the configuration's
 * supplier, and the executors get this one inside the broadcast training configuration.
 */
record FixedPortSupplier(int port) implements PortSupplier {
    @Override
    public int getPort() {
        return port;
    }
}
