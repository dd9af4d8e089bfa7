/**
 * Files that commands write: where an output path really leads ({@link OutputPath}: a regular
 * file is replaced atomically, a device or FIFO is written through, a symbolic link is
 * followed), the exclusive lock a run holds on its output ({@link OutputLock}), and the short
 * reason an I/O error gives the user ({@link IoReason}).
 */
package org.rfsweep.output;
