{#
    on-run-end: what this run read and what became of it, e.g.

        Intake: 13,645 rows read this run from 11 files: 13,355 accepted,
        290 rejected (2.1%)
          duplicate_posting_id 290 (top: es_ofertas_titles:1826 x3, ...)

    The top offending values of each reason (the raw country of
    unknown_country, the raw date of unparseable_post_date, the id of
    duplicate_posting_id, the source of a missing field) say what to fix.
    Warnings (dbt warnings: `--warn-error` makes them fail the run):
    - more than var intake_max_rejected_share (default 5%) of the rows read
      this run were rejected;
    - a file whose rows were all rejected;
    - the warehouse holds postings from files that raw_postings_path no
      longer names (another dataset, or the bundled sample, mixed into the
      marts).
    - a file that cannot be read at all (listed in rejected_files).
    Runs when int_postings__validated ran in this invocation.
#}
{% macro intake_report(results) %}
    {%- if execute and flags.WHICH in ('run', 'build') -%}
        {%- set validated = results | selectattr('node.name', 'equalto', 'int_postings__validated')
            | selectattr('status', 'equalto', 'success') | list -%}
        {%- if validated -%}
            {%- set staging = validated[0].node.relation_name -%}
            {%- set this_run = "loaded_at = cast('" ~ run_started_at ~ "' as timestamp)" -%}
            {%- do intake_report_run(staging, this_run) -%}
            {%- do intake_report_files(this_run) -%}
            {%- do intake_report_stale_files(staging) -%}
        {%- endif -%}
    {%- endif -%}
    select 1
{% endmacro %}

{% macro intake_report_run(staging, this_run) %}
    {%- set totals_query -%}
        select
            count(*) as read_rows,
            count(*) filter (where reject_reason is null) as accepted_rows,
            count(*) filter (where reject_reason is not null) as rejected_rows,
            count(distinct source_file) as files
        from {{ staging }}
        where {{ this_run }}
    {%- endset -%}
    {%- set totals = run_query(totals_query).rows[0] -%}
    {%- if totals['read_rows'] == 0 -%}
        {{ log('Intake: no new rows this run', info=true) }}
        {{ return(none) }}
    {%- endif -%}
    {%- set rejected_share = totals['rejected_rows'] / totals['read_rows'] -%}
    {{ log('Intake: ' ~ '{:,}'.format(totals['read_rows']) ~ ' rows read this run from '
        ~ totals['files'] ~ ' file' ~ ('s' if totals['files'] != 1 else '') ~ ': '
        ~ '{:,}'.format(totals['accepted_rows']) ~ ' accepted, '
        ~ '{:,}'.format(totals['rejected_rows']) ~ ' rejected ('
        ~ '{:.1%}'.format(rejected_share) ~ ')', info=true) }}
    {%- if totals['rejected_rows'] > 0 -%}
        {%- set reasons_query -%}
            with rejected as (
                select
                    reject_reason,
                    case reject_reason
                        when 'unknown_country' then coalesce(country_raw, '(empty)')
                        when 'unparseable_post_date' then coalesce(post_date_raw, '(empty)')
                        when 'duplicate_posting_id' then posting_id
                        when 'unreadable_row' then coalesce(source_file, '?')
                        when 'post_date_too_early' then coalesce(post_date_raw, '(empty)')
                        when 'post_date_in_future' then coalesce(post_date_raw, '(empty)')
                        else coalesce(source, '(no source)')
                    end as offending_value
                from {{ staging }}
                where {{ this_run }} and reject_reason is not null
            ),
            values_counted as (
                select
                    reject_reason,
                    offending_value,
                    count(*) as n,
                    row_number() over (
                        partition by reject_reason order by count(*) desc, offending_value
                    ) as value_rank
                from rejected
                group by reject_reason, offending_value
            )
            select
                reject_reason,
                sum(n) as rows,
                {{ ordered_string_agg(
                    "case when value_rank <= 3
                        then left(offending_value, 40) || ' x' || n end",
                    "', '", 'value_rank'
                ) }} as top_values
            from values_counted
            group by reject_reason
            order by rows desc, reject_reason
        {%- endset -%}
        {%- for row in run_query(reasons_query).rows -%}
            {{ log('  rejected ' ~ row['reject_reason'] ~ ': ' ~ '{:,}'.format(row['rows'])
                ~ ' (top: ' ~ row['top_values'] ~ ')', info=true) }}
        {%- endfor -%}
    {%- endif -%}
    {%- set max_share = var('intake_max_rejected_share') -%}
    {%- if rejected_share > max_share -%}
        {%- do exceptions.warn('WARNING: ' ~
            '{:.1%}'.format(rejected_share) ~ ' of the rows read this run were rejected (more than '
            ~ '{:.0%}'.format(max_share) ~ ', var intake_max_rejected_share): see the reasons above, '
            ~ 'the rows in rejected_postings, and README "Input contract"') -%}
    {%- endif -%}
    {%- set files_query -%}
        select source_file, count(*) as n
        from {{ staging }}
        where {{ this_run }}
        group by source_file
        having count(*) filter (where reject_reason is null) = 0
        order by source_file
    {%- endset -%}
    {%- for row in run_query(files_query).rows -%}
        {%- do exceptions.warn(
            'WARNING: every row of ' ~ row['source_file'] ~ ' (' ~ row['n'] ~ ') was rejected: '
            ~ 'see rejected_postings for the reasons') -%}
    {%- endfor -%}
{% endmacro %}

{% macro intake_report_files(this_run) %}
    {#- files of this run that could not be read at all (rejected_files) -#}
    {%- set raw_files = (graph.nodes.values()
        | selectattr('name', 'equalto', 'base_job_postings__raw_files') | first).relation_name -%}
    {%- set query -%}
        select file_name, unreadable_reason
        from {{ raw_files }}
        where not is_readable and seen_at = cast('{{ run_started_at }}' as timestamp)
        order by file_name
    {%- endset -%}
    {%- for row in run_query(query).rows -%}
        {%- do exceptions.warn('WARNING: file ' ~ row['file_name'] ~ ' cannot be read ('
            ~ row['unreadable_reason'] ~ '): it is listed in rejected_files, the other files '
            ~ 'loaded. Input contract: README, "Input contract"') -%}
    {%- endfor -%}
{% endmacro %}

{% macro intake_report_stale_files(staging) %}
    {#- the graph, not ref(): a hook may not ref a model -#}
    {%- set raw_files = (graph.nodes.values()
        | selectattr('name', 'equalto', 'base_job_postings__raw_files') | first).relation_name -%}
    {%- set stale_query -%}
        with named_now as (
            {{ raw_posting_files() }}
        ),
        stale_files as (
            select file_name from {{ raw_files }}
            anti join named_now using (file_name)
        )
        select
            count(distinct stale_files.file_name) as files,
            count(staged.source_file) as postings,
            min(stale_files.file_name) as example
        from stale_files
        left join {{ staging }} as staged
            on staged.source_file = stale_files.file_name
            and staged.reject_reason is null
    {%- endset -%}
    {%- set stale = run_query(stale_query).rows[0] -%}
    {%- if stale['files'] > 0 -%}
        {%- do exceptions.warn(
            'WARNING: this warehouse holds ' ~ '{:,}'.format(stale['postings']) ~ ' postings from '
            ~ stale['files'] ~ ' file' ~ ('s' if stale['files'] != 1 else '')
            ~ ' that raw_postings_path (' ~ var('raw_postings_path') ~ ') no longer names (e.g. '
            ~ stale['example'] ~ '): the marts count them with the current files. '
            ~ 'To keep datasets apart, build each into its own warehouse '
            ~ '(SALARY_INSIGHTS_DB=data/<name>.duckdb, README "Your own files"); '
            ~ 'to accumulate, keep adding files that one path names') -%}
    {%- endif -%}
{% endmacro %}
