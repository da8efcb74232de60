package dev.duoconformance.simulator;

import dev.duoconformance.config.SimulatedDeployment;
import dev.duoconformance.simulator.fault.Fault;
import java.util.Map;
import java.util.Set;

/** Found by the environment loader through {@link java.util.ServiceLoader} for {@code simulated_deployment: true}. */
public final class SimulationFactory implements SimulatedDeployment.Factory {
    @Override
    public SimulatedDeployment start(SimulatedDeployment.Settings settings) {
        return Simulation.start(
                Set.copyOf(Fault.parse(settings.faults())),
                settings.gitlabVersion(),
                settings.mode(),
                settings.record(),
                settings.latency(),
                settings.runtime());
    }

    @Override
    public Map<String, String> standIns(SimulatedDeployment.Settings settings) {
        return Simulation.standIns(
                Set.copyOf(Fault.parse(settings.faults())),
                settings.gitlabVersion(),
                settings.mode(),
                settings.runtime());
    }
}
