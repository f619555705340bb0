"""Fine-tuning data and hosted fine-tuning jobs for the LLM UDFs' three tasks.

* :mod:`.examples` builds and checks one chat fine-tuning example, with the very system
  prompt and user message the UDFs send, so a fine-tuned model sees at inference what it
  saw in training;
* :mod:`.split` groups near-duplicate postings and splits the groups into train and
  validation, stratified by label;
* :mod:`.export` reads the warehouse and writes the JSONL files and their manifest;
* :mod:`.hosted` uploads the files, runs a hosted fine-tuning job and records the result;
* :mod:`.registry` keeps the fine-tuned models by name, for the UDFs to select.
"""
