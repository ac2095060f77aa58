"""The project's passport (паспорт муниципального проекта): its domain functions — drafting,
agreement, approval by the project committee, versions (``services``); the passport as data shared
by the page, the frozen version and the documents (``data``); the document's requisites and
context (``documents``); its forms and enums."""
