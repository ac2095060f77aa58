import rules

from accounts.rules import is_expert, is_office, is_office_head, is_signed_in
from network.rules import is_school_team

rules.add_perm("reports.view_home", is_signed_in)
rules.add_perm("reports.view_health", rules.always_allow)
rules.add_perm("reports.view_landing", rules.always_allow)
rules.add_perm("reports.view_head_dashboard", is_office_head)
rules.add_perm("reports.view_staff_queues", is_office)
rules.add_perm("reports.view_expert_home", is_expert)
rules.add_perm("reports.view_team_home", is_school_team)
rules.add_perm("reports.view_reports", is_office)
rules.add_perm("reports.request_report", is_office)
rules.add_perm("reports.view_report", is_office)
rules.add_perm("reports.retry_report", is_office)
rules.add_perm("reports.view_dashboard", is_office)
