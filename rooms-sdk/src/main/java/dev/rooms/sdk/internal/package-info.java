/**
 * Implementation of the SDK: HTTP and WebSocket transport, JSON mapping, token handling. Not API: the types here
 * are public only so that {@code dev.rooms.sdk} can use them, and may change at any time.
 */
package dev.rooms.sdk.internal;
