/**
 * Immutable data returned and accepted by the Rooms SDK: users, rooms, messages, search results, tokens and
 * WebRTC signals.
 *
 * <p>Every type here is an immutable record (or enum) and therefore safe to share between threads.
 */
package dev.rooms.sdk.model;
