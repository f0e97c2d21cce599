package io.tickmesh.feed.itch;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Nasdaq SoupBinTCP 4.0, the session protocol ITCH travels on over TCP: every packet is a 2-byte
 * big-endian length (of what follows it), a type byte and its payload. Alpha fields are ASCII padded
 * right with spaces, numeric fields ASCII digits padded left with spaces. Builds and reads the packets
 * Tickmesh sends and takes. Pure and stateless.
 */
public final class SoupPackets {
  /** Client: username (6), password (10), requested session (10), requested sequence number (20). */
  public static final byte LOGIN_REQUEST = 'L';
  /** Server: session (10), sequence number of the next sequenced message (20). */
  public static final byte LOGIN_ACCEPTED = 'A';
  /** Server: reason (1): 'A' not authorized, 'S' session not available. */
  public static final byte LOGIN_REJECTED = 'J';
  /** Server: one message of the session; its sequence number is the one after the previous. */
  public static final byte SEQUENCED_DATA = 'S';
  /** Server: nothing sent for a second. */
  public static final byte SERVER_HEARTBEAT = 'H';
  /** Server: the session has no more messages. */
  public static final byte END_OF_SESSION = 'Z';
  /** Client: nothing sent for a second. */
  public static final byte CLIENT_HEARTBEAT = 'R';
  /** Client: the client leaves. */
  public static final byte LOGOUT_REQUEST = 'O';
  /** Either: text for people, ignored. */
  public static final byte DEBUG = '+';
  /** Payload length of a login request. */
  public static final int LOGIN_REQUEST_LENGTH = 46;
  /** Payload length of a login accepted. */
  public static final int LOGIN_ACCEPTED_LENGTH = 30;

  private SoupPackets() {}

  /** A login request for {@code session} (blank: the current one) from sequence number {@code seq}. */
  public static byte[] loginRequest(String user, String password, String session, long seq) {
    byte[] p = header(LOGIN_REQUEST, LOGIN_REQUEST_LENGTH);
    alpha(p, 3, 6, user);
    alpha(p, 9, 10, password);
    alpha(p, 19, 10, session);
    numeric(p, 29, 20, seq);
    return p;
  }

  /** A login accepted: {@code session}, and {@code seq} the sequence number of the next message. */
  public static byte[] loginAccepted(String session, long seq) {
    byte[] p = header(LOGIN_ACCEPTED, LOGIN_ACCEPTED_LENGTH);
    alpha(p, 3, 10, session);
    numeric(p, 13, 20, seq);
    return p;
  }

  /** A login rejected for {@code reason} ('A' or 'S'). */
  public static byte[] loginRejected(char reason) {
    byte[] p = header(LOGIN_REJECTED, 1);
    p[3] = (byte) reason;
    return p;
  }

  /** A packet of {@code type} with no payload (heartbeats, end of session, logout). */
  public static byte[] bare(byte type) {
    return header(type, 0);
  }

  /** A sequenced data packet carrying {@code b[off, off + len)}. */
  public static byte[] sequenced(byte[] b, int off, int len) {
    byte[] p = header(SEQUENCED_DATA, len);
    System.arraycopy(b, off, p, 3, len);
    return p;
  }

  /** An alpha field: its text without the padding. */
  public static String alpha(byte[] b, int off, int len) {
    return new String(b, off, len, StandardCharsets.US_ASCII).trim();
  }

  /** A numeric field's value, or -1 if it holds anything but spaces then digits (or no digit). */
  public static long numeric(byte[] b, int off, int len) {
    int i = off;
    while (i < off + len && b[i] == ' ') {
      i++;
    }
    if (i == off + len || off + len - i > 18) {
      return -1;
    }
    long v = 0;
    for (; i < off + len; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return -1;
      }
      v = v * 10 + (b[i] - '0');
    }
    return v;
  }

  private static byte[] header(byte type, int payload) {
    byte[] p = new byte[3 + payload];
    p[0] = (byte) ((payload + 1) >> 8);
    p[1] = (byte) (payload + 1);
    p[2] = type;
    return p;
  }

  private static void alpha(byte[] p, int off, int len, String text) {
    byte[] t = text.getBytes(StandardCharsets.US_ASCII);
    Arrays.fill(p, off, off + len, (byte) ' ');
    System.arraycopy(t, 0, p, off, Math.min(t.length, len));
  }

  private static void numeric(byte[] p, int off, int len, long value) {
    byte[] t = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    Arrays.fill(p, off, off + len, (byte) ' ');
    System.arraycopy(t, 0, p, off + len - t.length, t.length);
  }
}
