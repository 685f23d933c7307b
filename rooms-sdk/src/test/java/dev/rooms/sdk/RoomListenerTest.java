package dev.rooms.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rooms.sdk.model.Candidate;
import dev.rooms.sdk.model.SessionDescription;
import dev.rooms.sdk.model.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoomListenerTest {

    private static final Signal.Offer OFFER = new Signal.Offer(new SessionDescription("offer", "v=0"), 2L, null, Map.of());
    private static final Signal.Answer ANSWER = new Signal.Answer(new SessionDescription("answer", "v=0"), 2L, 1L,
            Map.of());
    private static final Signal.IceCandidate CANDIDATE = new Signal.IceCandidate(new Candidate("candidate:1", "0", 0),
            2L, null, Map.of());
    private static final Signal.Hangup HANGUP = new Signal.Hangup(2L, null, Map.of());

    @Test
    void onSignalByDefaultThenEachKindReachesItsOwnMethod() {
        List<Object> heard = new ArrayList<>();
        RoomListener listener = new RoomListener() {
            @Override
            public void onOffer(RoomConnection connection, Signal.Offer offer) {
                heard.add("offer " + offer.offer().sdp());
            }

            @Override
            public void onAnswer(RoomConnection connection, Signal.Answer answer) {
                heard.add("answer for " + answer.target());
            }

            @Override
            public void onIceCandidate(RoomConnection connection, Signal.IceCandidate candidate) {
                heard.add("candidate " + candidate.candidate().candidate());
            }

            @Override
            public void onHangup(RoomConnection connection, Signal.Hangup hangup) {
                heard.add("hangup from " + hangup.senderId());
            }
        };

        for (Signal signal : List.of(OFFER, ANSWER, CANDIDATE, HANGUP)) {
            listener.onSignal(null, signal);
        }

        assertThat(heard).containsExactly("offer v=0", "answer for 1", "candidate candidate:1", "hangup from 2");
    }

    @Test
    void onSignalWhenOverriddenThenThePerKindMethodsAreNotCalled() {
        List<Object> heard = new ArrayList<>();
        RoomListener listener = new RoomListener() {
            @Override
            public void onSignal(RoomConnection connection, Signal signal) {
                heard.add(signal);
            }

            @Override
            public void onOffer(RoomConnection connection, Signal.Offer offer) {
                heard.add("per-kind");
            }
        };

        listener.onSignal(null, OFFER);

        assertThat(heard).containsExactly(OFFER);
    }
}
