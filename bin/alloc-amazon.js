#!/usr/bin/env node
require('../dist/src/index.js').runFromProcess();
