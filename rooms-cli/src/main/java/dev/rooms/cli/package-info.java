/**
 * The {@code rooms} command line.
 */
package dev.rooms.cli;
