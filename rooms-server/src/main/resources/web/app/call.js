// A call in a video room: one RTCPeerConnection per other person (a mesh), signalled through the room's socket.
// Media flows browser to browser; Rooms only relays the signals (README "In the browser" has the convention):
//   - joining announces itself with an untargeted webrtc-offer;
//   - everyone already in the call answers that with an offer of their own, targeted at the newcomer
//     ("target": user id), and the newcomer answers each of those, targeted back;
//   - ICE candidates are targeted at the one peer they belong to;
//   - leaving is an untargeted webrtc-hangup.
// Two people joining at the same moment offer each other at once; as in WebRTC's "perfect negotiation", the
// one with the higher user id gives way (rolls back its own offer and answers).

const MEDIA = {audio: true, video: {width: 320, height: 240, frameRate: 15}};

export class Call extends EventTarget {
  localStream = null;
  inCall = false;
  /** user id → {pc, makingOffer, candidates: queued until the remote description is set} */
  #peers = new Map();
  /** people heard announcing a call while we are not in it: user id → name hint */
  ringing = new Map();

  constructor(chat, me, iceServers) {
    super();
    this.chat = chat;
    this.me = me;
    this.iceServers = iceServers;
    this.onSignal = event => this.#handle(event.detail).catch(error => this.#emit('problem', error));
    chat.addEventListener('signal', this.onSignal);
  }

  /** Camera and microphone, shown before joining. */
  async preview() {
    if (!this.localStream) {
      this.localStream = await navigator.mediaDevices.getUserMedia(MEDIA);
      this.#emit('local', this.localStream);
    }
    return this.localStream;
  }

  async join() {
    if (this.inCall) return;
    await this.preview();
    this.inCall = true;
    this.ringing.clear();
    this.#emit('state');
    // The announcement carries a real offer so that it is a well-formed spec frame; peers in the call answer
    // it with targeted offers of their own, one connection each, rather than with an answer to this one.
    const probe = new RTCPeerConnection();
    this.localStream.getTracks().forEach(track => probe.addTrack(track, this.localStream));
    const offer = await probe.createOffer();
    probe.close();
    this.chat.signal({type: 'webrtc-offer', offer: {type: offer.type, sdp: offer.sdp}, name: this.me.name});
  }

  hangUp() {
    if (this.inCall) this.chat.signal({type: 'webrtc-hangup'});
    this.inCall = false;
    for (const id of [...this.#peers.keys()]) this.#drop(id);
    this.localStream?.getTracks().forEach(track => track.stop());
    this.localStream = null;
    this.#emit('local', null);
    this.#emit('state');
  }

  /** Leaves the call and stops listening to the room. */
  close() {
    this.hangUp();
    this.chat.removeEventListener('signal', this.onSignal);
  }

  get muted() {
    return this.localStream?.getAudioTracks().every(track => !track.enabled) ?? false;
  }

  get cameraOff() {
    return this.localStream?.getVideoTracks().every(track => !track.enabled) ?? false;
  }

  /** Mute and camera off keep the tracks (silence and black frames), so nothing is renegotiated. */
  toggleMute() {
    const enabled = this.muted;
    this.localStream?.getAudioTracks().forEach(track => { track.enabled = enabled; });
    this.#emit('state');
  }

  toggleCamera() {
    const enabled = this.cameraOff;
    this.localStream?.getVideoTracks().forEach(track => { track.enabled = enabled; });
    this.#emit('state');
  }

  async #handle(frame) {
    const from = frame.sender_id;
    if (!Number.isInteger(from) || from === this.me.id) return;
    const targeted = frame.target !== undefined;
    switch (frame.type) {
      case 'webrtc-offer':
        if (!targeted) return this.#announced(from, frame);
        if (this.inCall) return this.#offered(from, frame.offer, frame.name);
        return;
      case 'webrtc-answer': {
        const peer = this.#peers.get(from);
        if (peer && peer.pc.signalingState === 'have-local-offer') {
          await peer.pc.setRemoteDescription(frame.answer);
          await this.#flushCandidates(peer);
        }
        return;
      }
      case 'webrtc-ice-candidate': {
        const peer = this.#peers.get(from);
        if (!peer || !frame.candidate) return;
        if (peer.pc.remoteDescription) {
          await peer.pc.addIceCandidate(frame.candidate).catch(() => {});
        } else {
          peer.candidates.push(frame.candidate);
        }
        return;
      }
      case 'webrtc-hangup':
        this.ringing.delete(from);
        this.#drop(from);
        this.#emit('state');
        return;
      default:
    }
  }

  /** Someone joined (or started) a call. */
  async #announced(from, frame) {
    if (!this.inCall) {
      this.ringing.set(from, typeof frame.name === 'string' ? frame.name : null);
      this.#emit('state');
      return;
    }
    const peer = this.#peer(from, frame.name);
    peer.makingOffer = true;
    try {
      await peer.pc.setLocalDescription();
      this.chat.signal({type: 'webrtc-offer', target: from, offer: peer.pc.localDescription, name: this.me.name});
    } finally {
      peer.makingOffer = false;
    }
  }

  async #offered(from, offer, name) {
    const peer = this.#peer(from, name);
    const collision = peer.makingOffer || peer.pc.signalingState !== 'stable';
    if (collision && this.me.id < from) return; // the lower id keeps its own offer; the other side answers it
    await peer.pc.setRemoteDescription(offer); // rolls back our own offer on a collision
    await peer.pc.setLocalDescription();
    this.chat.signal({type: 'webrtc-answer', target: from, answer: peer.pc.localDescription});
    await this.#flushCandidates(peer);
  }

  async #flushCandidates(peer) {
    for (const candidate of peer.candidates.splice(0)) {
      await peer.pc.addIceCandidate(candidate).catch(() => {});
    }
  }

  #peer(id, name) {
    let peer = this.#peers.get(id);
    if (peer) return peer;
    const pc = new RTCPeerConnection({iceServers: this.iceServers});
    peer = {pc, makingOffer: false, candidates: []};
    this.#peers.set(id, peer);
    this.localStream.getTracks().forEach(track => pc.addTrack(track, this.localStream));
    pc.onicecandidate = ({candidate}) => {
      if (candidate) this.chat.signal({type: 'webrtc-ice-candidate', target: id, candidate: candidate.toJSON()});
    };
    pc.ontrack = ({streams}) => this.#emit('remote', {id, name, stream: streams[0]});
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed' || pc.connectionState === 'closed') this.#drop(id);
    };
    this.#emit('state');
    return peer;
  }

  #drop(id) {
    const peer = this.#peers.get(id);
    if (!peer) return;
    this.#peers.delete(id);
    peer.pc.close();
    this.#emit('gone', {id});
    this.#emit('state');
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, {detail}));
  }
}
