"""Assessments as the user works on them: answer values, validation and progress, and the
services (new, answer, attach, finalize, reopen) that the command line and the app call."""
