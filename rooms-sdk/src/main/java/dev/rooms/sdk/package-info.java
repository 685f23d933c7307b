/**
 * Typed Java client for the Rooms REST and WebSocket API.
 */
package dev.rooms.sdk;
