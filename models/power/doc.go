// Package power models the power chain of a data-centre site, the fires
// that take it down in stages, the staged restoration of power and server
// restarts that follow, and the services that run on the site's hosts with
// their disaster-recovery arrangements.
//
// # Power chain
//
// A Site has a utility feed, UPS units, an optional generator, rooms and
// hosts. Each UPS feeds some rooms; a room is powered while it is not
// damaged (burned or water-damaged) and at least one UPS feeding it
// delivers power; a host is powered while its room is, or once a
// restoration has given it power again. A UPS
// delivers power while it is undamaged and has input (the utility feed, or
// the generator once it has started), and for its ride-through time on
// battery after it loses its input. When the utility feed is lost the
// generator tries to start; after its start time it runs, or fails to
// start with its stated probability (drawn from the site's stream). If the
// batteries run out first, the rooms go dark until the generator runs.
//
// # Fire
//
// A Fire burns a room at a time and may spread to other rooms after a
// delay. A burning room goes dark, and the UPS units whose batteries stand
// in it stop: the rooms those units feed lose power unless another unit
// feeds them. The fire service may order all power off: the utility feed
// and the generator are cut, and the UPS units still delivering run for
// the stated emergency time, then everything is dark. The water used to
// fight the fire, once that emergency time is over (at ignition without
// an order), may damage the electrical equipment of listed rooms: they go
// dark like burned rooms, and need repair before power can come back.
//
// # Restoration and restarts
//
// A Restoration gives power back to a share of the site's hosts that
// follows a piecewise-linear Curve over time. A TeamRestoration instead
// lets the restoration come out of the work: each room's hosts hang on a
// few panels, and a limited number of electrician teams energize them one
// at a time, the undamaged rooms first, then the damaged ones, which take
// a repair first. Panels whose hosts still have power are skipped. A host
// that regains power is not running yet: with crews configured
// (SiteConfig.Crews) it waits, in order, for one of a limited number of
// crews to restart it, which takes a time drawn from
// SiteConfig.RestartTime. Without crews a powered host runs at once.
//
// # Services and disaster recovery
//
// A HostedService is up on its primary site while the share of its hosts
// that run is at least its threshold. When its primary goes down, its
// disaster-recovery arrangement (DRMode) may bring it up elsewhere after a
// recovery time, provided the condition that arrangement needs holds (e.g.
// the operations tools that start standby servers are usable, and the
// standby hosts at the other site run). A service
// is usable only while it is up and every service it depends on is usable;
// a models.Switchable target follows usability (Down/Up).
//
// # Switch-over
//
// A Switchover is the work of moving services to their standby site by
// hand: steps that take minutes to hours, done one after the other while
// the services it needs (the operations tools) are usable and the room
// where the work is done has power. It starts a decision time after a
// service's primary goes down, or at once on a notice that the site's
// power will be ordered off. A power cut interrupts the step under way
// (its work is lost); the step starts again when what the work needs is
// back, unless the service's primary runs again by then. Whether the work
// ends before a cut comes out of that race. The services it moves start
// no recovery timer of their own (except active-active copies, which run
// already).
//
// # Data recovery
//
// A service may have data to recover after its primary went down (its
// servers stopped without a clean shutdown): a restore from backup, a
// consistency check. Once enough of its hosts run again, it recovers its
// data through a DataPool, whose rate is shared equally by the services
// recovering at the same time; only then is the primary up. Losing the
// hosts again pauses the recovery; what was recovered stays recovered.
//
// # Logging and series
//
// Changes of power (UPS, generator, rooms, site, and hosts if
// SiteConfig.LogHosts) are logged to the recorder as sim.EventPower, or
// sim.EventRestoration when something comes back (as are the start and
// end of the teams' work on each room and a restoration's start); a
// service's changes as sim.EventState, or sim.EventRecovery when it is
// usable again; a switch-over's steps as sim.EventFailover; a fire logs
// sim.EventFault for each room it burns or wets, and the fire service's
// notice and power-off order sim.EventPower, By "fire service". Series per site
// (component = the site's name): "powered_share" and "running_share" of
// its hosts; per service: "up" and "usable" (1 or 0); per data pool:
// "recovering" (services recovering at once).
package power
