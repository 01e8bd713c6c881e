package io.sparkdistill.jobs.lock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/** A lock file on a local (or locally mounted) disk: created with O_CREAT|O_EXCL, so exactly one creator wins. */
record LocalLockFile(Path file) implements LockFile {

    @Override
    public boolean createNew(String content) throws IOException {
        Files.createDirectories(file.getParent());
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    @Override
    public Optional<Stored> read() throws IOException {
        try {
            long modified = Files.getLastModifiedTime(file).toMillis();
            return Optional.of(new Stored(Files.readString(file, StandardCharsets.UTF_8), modified));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Only the time changes: the content is never rewritten, so no reader sees it half written. */
    @Override
    public void touch(String content) throws IOException {
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
    }

    @Override
    public boolean renameTo(String name) throws IOException {
        try {
            // Without REPLACE_EXISTING: never over another run's lock.
            Files.move(file, file.resolveSibling(name));
            return true;
        } catch (NoSuchFileException | FileAlreadyExistsException e) {
            return false;
        }
    }

    @Override
    public String name() {
        return file.getFileName().toString();
    }

    @Override
    public LockFile sibling(String name) {
        return new LocalLockFile(file.resolveSibling(name));
    }

    @Override
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
