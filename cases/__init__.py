"""Cases (trajectories), their lifecycle, contact log, transitions and outcomes (see issue: cases)."""
