"""Assessment archives: one zip file that moves an assessment, its history, evidence and pinned
form between computers, checked whole before anything is written. Above the store and the
answers' validation, which it uses to check what it imports."""
