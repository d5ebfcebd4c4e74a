package io.configservice.events;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;

/**
 * One STOMP session's share of the {@link FrameCoalescer}: how many of its MESSAGE frames the
 * outbound channel holds (queued or being handed to the WebSocket session), and one slot per
 * subscription and {@link EventSubject} with the newest frame of that subject not handed off yet.
 * Of each slot's frames at most one is in the channel at a time; the frames arriving meanwhile wait
 * in the slot, each replacing the one before, and the channel's task hands off whichever is newest
 * when it runs. A slot stays for the session's life, small as it is (the newest sequence let in),
 * so that an older frame of its subject arriving late, such as a redelivery, is never sent after a
 * newer one. Guarded by its own lock: the broker's threads, the redelivery scheduler and the
 * channel's executor threads all reach it.
 */
final class SessionFrameQueue {

    /**
     * Where a coalescable frame waits: a subject as one subscription receives it. A session with
     * two subscriptions matching one destination gets each frame once per subscription.
     */
    record Key(@Nullable String subscription, EventSubject subject) {}

    /** What became of a frame on its way into the channel. */
    enum Arrival {
        /** Goes into the channel's queue. */
        QUEUED,
        /** Waits in its slot behind the frame of its subject already in the channel. */
        WAITING,
        /** Waits in its slot instead of an older frame, which is not sent. */
        REPLACED_OLDER,
        /** Not sent: a frame of its subject at least as new is waiting or was handed off. */
        STALE,
        /** Not sent: the session already has as many frames in the channel as allowed. */
        OVERFLOW
    }

    private final int maxQueued;
    private final Map<Key, Slot> slots = new HashMap<>();

    /** Slots by the message whose channel task is queued, by identity. */
    private final Map<Message<?>, Slot> byQueuedTask = new IdentityHashMap<>();

    /** Slots by the message their task handed to the channel's handler, by identity. */
    private final Map<Message<?>, Slot> byHandedOff = new IdentityHashMap<>();

    private int queued;

    SessionFrameQueue(int maxQueued) {
        this.maxQueued = maxQueued;
    }

    /**
     * A MESSAGE frame for the session is about to enter the channel; {@code key} and {@code
     * sequence} when it is about a subject (else it is never held back, only counted).
     */
    synchronized Arrival arrived(Message<?> message, @Nullable Key key, long sequence) {
        if (key == null) {
            return admit();
        }
        Slot slot = slots.computeIfAbsent(key, ignored -> new Slot());
        if (message == slot.resending) {
            slot.resending = null;
            return queue(slot, message);
        }
        if (sequence < slot.newestSequence
                || (sequence == slot.newestSequence && slot.waiting != null)) {
            return Arrival.STALE;
        }
        if (!slot.inChannel()) {
            if (queued >= maxQueued) {
                return Arrival.OVERFLOW;
            }
            slot.waiting = message;
            slot.newestSequence = sequence;
            return queue(slot, message);
        }
        boolean replaced = slot.waiting != null;
        slot.waiting = message;
        slot.newestSequence = sequence;
        return replaced ? Arrival.REPLACED_OLDER : Arrival.WAITING;
    }

    /**
     * The channel's task for {@code message} runs: the frame to hand to the WebSocket session is
     * the newest of its slot, which may have replaced {@code message} while it was queued.
     */
    synchronized Message<?> handingOff(Message<?> message) {
        Slot slot = byQueuedTask.remove(message);
        if (slot == null) {
            return message;
        }
        Message<?> newest = slot.waiting != null ? slot.waiting : message;
        slot.queuedTask = null;
        slot.waiting = null;
        slot.handedOff = newest;
        byHandedOff.put(newest, slot);
        return newest;
    }

    /**
     * The channel's handler is done with a MESSAGE frame. Returns the frame that waited in its slot
     * meanwhile, which the caller sends into the channel next; {@code null} when none did.
     */
    synchronized @Nullable Message<?> handedOff(Message<?> message) {
        if (queued > 0) {
            queued--;
        }
        Slot slot = byHandedOff.remove(message);
        if (slot == null) {
            return null;
        }
        slot.handedOff = null;
        slot.resending = slot.waiting;
        return slot.resending;
    }

    /**
     * Sending the waiting {@code message} into the channel did not reach {@link #arrived} (an
     * earlier interceptor dropped it, e.g. for a session being ended). Returns a newer frame that
     * arrived in its slot meanwhile, to be sent instead; {@code null} when none did.
     */
    synchronized @Nullable Message<?> notResent(Message<?> message) {
        Slot slot = null;
        for (Slot candidate : slots.values()) {
            if (candidate.resending == message) {
                slot = candidate;
                break;
            }
        }
        if (slot == null) {
            return null;
        }
        if (slot.waiting == message) {
            slot.waiting = null;
        }
        slot.resending = slot.waiting;
        return slot.resending;
    }

    /**
     * A frame {@link #arrived} let into the channel did not get there (an interceptor after the
     * coalescer or the channel failed); its slot starts over, so the subject is not held back for
     * good.
     */
    synchronized void notQueued(Message<?> message) {
        if (queued > 0) {
            queued--;
        }
        Slot slot = byQueuedTask.remove(message);
        if (slot != null) {
            slot.queuedTask = null;
            slot.waiting = null;
        }
    }

    /** MESSAGE frames the channel holds for the session. */
    synchronized int queued() {
        return queued;
    }

    private Arrival admit() {
        if (queued >= maxQueued) {
            return Arrival.OVERFLOW;
        }
        queued++;
        return Arrival.QUEUED;
    }

    private Arrival queue(Slot slot, Message<?> message) {
        queued++;
        slot.queuedTask = message;
        byQueuedTask.put(message, slot);
        return Arrival.QUEUED;
    }

    /** One subject's frames as one subscription of the session receives them. */
    private static final class Slot {

        /** The frame whose channel task is queued. */
        @Nullable Message<?> queuedTask;

        /** The newest frame not handed off yet: the queued task hands it off, else it is resent. */
        @Nullable Message<?> waiting;

        /** The frame the channel's handler is handing to the WebSocket session. */
        @Nullable Message<?> handedOff;

        /** The waiting frame being sent into the channel again after the one before was handled. */
        @Nullable Message<?> resending;

        /** Sequence of the newest frame let in; an older one is never sent after it. */
        long newestSequence = Long.MIN_VALUE;

        boolean inChannel() {
            return queuedTask != null || handedOff != null || resending != null;
        }
    }
}
