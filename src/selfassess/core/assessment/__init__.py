"""Assessments as the user works on them: the services (new, answer, attach, finalize, reopen)
that the command line and the app call, the improvement plan, history and trash."""
