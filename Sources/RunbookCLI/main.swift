import ArgumentParser
import RunbookCore

print("runbook")
