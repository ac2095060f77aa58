from .calendar import CalendarToken
from .decision import Decision, DecisionTask
from .meeting import AgendaItem, Attendance, Meeting, MeetingFormat, OfficeMember
from .news import NewsItem
from .plan import PlannedActivity, WorkPlan
from .reflection import Reflection

__all__ = [
    "AgendaItem",
    "Attendance",
    "CalendarToken",
    "Decision",
    "DecisionTask",
    "Meeting",
    "MeetingFormat",
    "NewsItem",
    "OfficeMember",
    "PlannedActivity",
    "Reflection",
    "WorkPlan",
]
