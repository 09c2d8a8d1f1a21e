# ruff: noqa
"""A tiny platform module with known findings, for the static-analysis tests."""

import subprocess


def run(command):
    return subprocess.call(command, shell=True)


def total(expression):
    return eval(expression)


def average(expression):
    return eval(expression)


def quiet(command):
    return subprocess.call(command, shell=True)  # nosec B602
