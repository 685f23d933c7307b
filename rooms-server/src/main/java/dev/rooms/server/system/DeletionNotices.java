package dev.rooms.server.system;

/**
 * Whether deletions (of accounts, of rooms) made by other server processes reach this one now: they travel
 * through the live layer's broker. Caches that forget a deleted thing when its deletion arrives keep nothing
 * while this says no, so a deletion elsewhere acts at once all the same. Without such a bean (one process
 * and its in-process broker) deletions are taken to arrive.
 */
@FunctionalInterface
public interface DeletionNotices {

    /** True while another process's deletion would reach this one. */
    boolean arriving();
}
