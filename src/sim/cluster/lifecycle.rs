//! Brokers stopping (controlled shutdown), crashing, restarting, joining and leaving.

use super::*;

impl Cluster {
    /// The broker, if it exists and its state allows the change (else the refusal).
    fn broker_for(
        &mut self,
        id: BrokerId,
        allowed: impl Fn(BrokerState) -> bool,
        refusal: StateRefusal,
    ) -> Result<&mut Broker, ClusterError> {
        let b = self.brokers.get_mut(&id).ok_or(ClusterError::UnknownBroker { broker: id })?;
        if !allowed(b.state) {
            return Err(ClusterError::BadState { broker: id, refusal });
        }
        Ok(b)
    }

    /// Controlled shutdown: leadership moves at once, the broker leaves every ISR.
    pub fn stop_broker(
        &mut self,
        id: BrokerId,
        now_us: u64,
        logs: &[&dyn LeaderLog],
        out: &mut Vec<ClusterEvent>,
    ) -> Result<Vec<(u32, u64)>, ClusterError> {
        let b = self.broker_for(id, |s| s != BrokerState::Fenced, StateRefusal::AlreadyStopped)?;
        b.state = BrokerState::Fenced;
        b.fence_at_us = None;
        out.push(ClusterEvent::BrokerStopped { broker: id });
        let mut truncations = Vec::new();
        self.remove_broker_from_isrs(id, now_us / 1000, logs, out, &mut truncations, ElectionCause::ControlledShutdown);
        Ok(truncations)
    }

    /// The process dies: it stops serving now; the controller notices after
    /// `broker.session.timeout.ms`.
    pub fn crash_broker(&mut self, id: BrokerId, now_us: u64, out: &mut Vec<ClusterEvent>) -> Result<(), ClusterError> {
        let timeout = self.config.broker_session_timeout_ms;
        let b = self.broker_for(id, |s| s == BrokerState::Running, StateRefusal::NotRunning)?;
        b.state = BrokerState::Crashed;
        b.fence_at_us = Some(now_us + timeout * 1000);
        out.push(ClusterEvent::BrokerCrashed { broker: id });
        Ok(())
    }

    /// Start a stopped or crashed broker: its replicas catch up and rejoin the ISR; partitions
    /// that were offline with it as their last in-sync replica get a leader again.
    pub fn restart_broker(
        &mut self,
        id: BrokerId,
        now_us: u64,
        logs: &[&dyn LeaderLog],
        out: &mut Vec<ClusterEvent>,
    ) -> Result<Vec<(u32, u64)>, ClusterError> {
        let b = self.broker_for(id, |s| s != BrokerState::Running, StateRefusal::AlreadyRunning)?;
        let was_registered = b.state == BrokerState::Crashed;
        b.state = BrokerState::Running;
        b.fence_at_us = None;
        out.push(ClusterEvent::BrokerRestarted { broker: id });
        let mut truncations = Vec::new();
        if was_registered {
            // Crashed and back before being fenced: still in the ISRs; a follower that missed
            // data simply catches up.
        }
        for pi in 0..self.partitions.len() as u32 {
            let p = &self.partitions[pi as usize];
            if p.replicas.contains(&id) && (p.leader.is_none() || p.leader == Some(id)) {
                self.elect(pi, logs, out, &mut truncations, ElectionCause::BrokerRestarted);
            }
        }
        for r in self.offsets.values_mut() {
            if r.replicas.contains(&id) && r.leader.is_none() {
                r.leader = Some(id);
            }
        }
        self.schedule_tick(now_us);
        Ok(truncations)
    }

    pub fn add_broker(&mut self, spec: BrokerSpec, out: &mut Vec<ClusterEvent>) -> Result<(), ClusterError> {
        if self.brokers.contains_key(&spec.id) {
            return Err(ClusterError::BrokerExists { broker: spec.id });
        }
        if self.brokers.len() >= BROKERS_MAX {
            return Err(ClusterError::TooManyBrokers { max: BROKERS_MAX });
        }
        if spec.id < 0 {
            return Err(ClusterError::InvalidReplicas { message: format!("node.id {} must be 0 or more", spec.id) });
        }
        out.push(ClusterEvent::BrokerAdded { broker: spec.id });
        self.config.brokers.push(spec.clone());
        self.brokers.insert(spec.id, Broker::new(&spec));
        Ok(())
    }

    /// The topic partitions with a replica on a broker.
    pub fn partitions_on(&self, id: BrokerId) -> Vec<u32> {
        (0..self.partitions.len() as u32).filter(|p| self.partitions[*p as usize].replicas.contains(&id)).collect()
    }

    /// Decommission: only an empty broker can go.
    pub fn remove_broker(&mut self, id: BrokerId, out: &mut Vec<ClusterEvent>) -> Result<(), ClusterError> {
        if !self.brokers.contains_key(&id) {
            return Err(ClusterError::UnknownBroker { broker: id });
        }
        let hosted = self.partitions_on(id);
        if !hosted.is_empty() {
            return Err(ClusterError::BrokerHasReplicas { broker: id, partitions: hosted });
        }
        if self.brokers.len() == 1 {
            return Err(ClusterError::BadState { broker: id, refusal: StateRefusal::LastBroker });
        }
        self.brokers.remove(&id);
        self.config.brokers.retain(|b| b.id != id);
        for r in self.offsets.values_mut() {
            r.replicas.retain(|b| *b != id);
            r.isr.retain(|b| *b != id);
        }
        out.push(ClusterEvent::BrokerRemoved { broker: id });
        Ok(())
    }
}
