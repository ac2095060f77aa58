"""A project's calendar plan (календарный план): activities and control points with their
forecasts, evidence and acceptance (``services``), the queries of the plan page, the Gantt chart
and the overdue queue (``queries``), its forms, its enums and the XLSX import (``importing``)."""
