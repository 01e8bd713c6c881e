package io.sparkdistill.jobs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectStoreWriteTest {
    private static final AtomicInteger RENAMES = new AtomicInteger();

    /** The local disk under the s3a:// scheme, counting renames: what RunStorage sees of an object store. */
    public static final class RenameCountingStore extends RawLocalFileSystem {
        @Override
        public URI getUri() {
            return URI.create("s3a:///");
        }

        @Override
        public boolean rename(Path src, Path dst) throws IOException {
            RENAMES.incrementAndGet();
            return super.rename(src, dst);
        }
    }

    @Test
    void aSmallFileGoesToAnObjectStoreInOneUploadWithNoRenameAndThroughARenameElsewhere() throws Exception {
        java.nio.file.Path dir = Files.createTempDirectory(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")),
                "object-store");
        Configuration hadoop = new Configuration(false);
        hadoop.set("fs.s3a.impl", RenameCountingStore.class.getName());
        hadoop.setBoolean("fs.s3a.impl.disable.cache", true);
        RunStorage storage = new RunStorage(hadoop);

        storage.writeString("s3a://" + dir.resolve("summary.json"), "{\"rows\": 3}");
        assertEquals("{\"rows\": 3}", Files.readString(dir.resolve("summary.json")));
        assertEquals(0, RENAMES.get(), "a rename on S3 is a copy and a delete");

        storage.writeString(dir.resolve("local.json").toUri().toString(), "{}");
        assertEquals("{}", Files.readString(dir.resolve("local.json")));
    }

    @Test
    void objectStoresAreKnownByScheme() {
        for (String scheme : new String[]{"s3a", "S3A", "s3", "gs", "wasbs"}) {
            assertTrue(ObjectStores.isObjectStore(scheme), scheme);
        }
        for (String scheme : new String[]{"hdfs", "file", "abfss", "viewfs"}) {
            assertFalse(ObjectStores.isObjectStore(scheme), scheme);
        }
        assertFalse(ObjectStores.isObjectStore(null));
    }
}
