"""Watch rules and alerts (issue 9): rules in a YAML file say which events matter (a geofence, event types,
modalities, actors, minimum fatalities, keywords); new events are judged as they are ingested, stored ones
with `run_history`; each (rule, event) pair alerts once, again only when the fatalities change; alerts are
queued in an outbox with the events that raised them and delivered from it to stdout, a JSONL file or a
webhook.

    from eventwire.watch import load_rules, evaluate_new_events, run_history
"""

from .alerts import Alert, AlertTable
from .engine import WatchReport, evaluate_in_transaction, evaluate_new_events, raise_alerts, run_history
from .errors import DeliveryError, RuleError, RuleNotFoundError, WatchErrors
from .geofence import MIN_FENCE_RADIUS_M, Area, Circle, haversine_m
from .match import Match, match_rule
from .outbox import DeliveryReport, Drainer, Outbox, deliver_pending, rules_beside
from .rules import (
    ActorFilter,
    Delivery,
    Rule,
    RuleSet,
    add_rule,
    default_rules_path,
    load_rules,
    next_rule_id,
    remove_rule,
    save_rules,
)

__all__ = [
    "Alert",
    "AlertTable",
    "WatchReport",
    "evaluate_in_transaction",
    "evaluate_new_events",
    "raise_alerts",
    "run_history",
    "DeliveryError",
    "RuleError",
    "RuleNotFoundError",
    "WatchErrors",
    "MIN_FENCE_RADIUS_M",
    "Area",
    "Circle",
    "haversine_m",
    "Match",
    "match_rule",
    "DeliveryReport",
    "Drainer",
    "Outbox",
    "deliver_pending",
    "rules_beside",
    "ActorFilter",
    "Delivery",
    "Rule",
    "RuleSet",
    "add_rule",
    "default_rules_path",
    "load_rules",
    "next_rule_id",
    "remove_rule",
    "save_rules",
]
