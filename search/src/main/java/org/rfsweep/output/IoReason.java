package org.rfsweep.output;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * The reason of an I/O error in the words of the operating system, without paths or Java class
 * names: {@code file too large}, {@code no space left on device}, {@code permission denied}.
 * Stateless.
 */
public final class IoReason {
    private IoReason() {
    }

    /** The reason of {@code e}, lower case, one line. */
    public static String of(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        String text = e instanceof FileSystemException && ((FileSystemException) e).getReason() != null
            ? ((FileSystemException) e).getReason() : e.getMessage();
        if (text == null || text.isBlank()) {
            return "input/output error";
        }
        String line = text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return line.substring(0, 1).toLowerCase(Locale.ROOT) + line.substring(1);
    }

    /** True when {@code e} says that the reader of a pipe has gone (EPIPE). */
    public static boolean brokenPipe(IOException e) {
        String text = e.getMessage();
        return text != null && text.toLowerCase(Locale.ROOT).contains("broken pipe");
    }
}
